// A state read back once per leader term: a single process loads it once at start; in a cluster,
// each new lease (a new term) reads it again, and it is absent (null) while being read.
export interface PerTermOptions<T> {
  /** Reads the state (never rejects: a failed read gives a fresh state). */
  load: () => Promise<T>;
  /** The term the state must be of now (the lease token; null in a single process). */
  term: () => string | null;
}

export class PerTerm<T> {
  private value: T | null = null;
  private loadedFor: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly o: PerTermOptions<T>) {}

  /** Single process: read it now, before the first build. */
  async loadNow(): Promise<void> {
    await this.read(null);
  }

  /** The state of the current term, or null while a new term's is read (the read starts here). */
  current(): T | null {
    const term = this.o.term();
    if (term !== this.loadedFor) {
      this.value = null;
      this.loading ??= this.read(term).finally(() => (this.loading = null));
    }
    return this.value;
  }

  /** The state as the current term moved it on. */
  set(value: T): void {
    this.value = value;
  }

  private async read(term: string | null): Promise<void> {
    this.value = await this.o.load();
    this.loadedFor = term;
  }
}
