// The recent requests the simulator received (STYLE habit 8: a fake that shows what it was asked).

export interface RequestRecord {
  at: string; // real time, ISO
  simAt: string; // simulated time, ISO
  method: string;
  path: string; // with the query string, credentials removed
  endpoint: string; // endpoint name, 'sim' for control routes, 'unknown' otherwise
  status: number;
}

const MAX = 500;

export class RequestLog {
  private items: RequestRecord[] = [];

  add(r: RequestRecord): void {
    this.items.push(r);
    if (this.items.length > MAX) this.items.splice(0, this.items.length - MAX);
  }

  list(): RequestRecord[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}

/** The path and query of a URL without `user` and `password`, which must never be logged. */
export function safePath(url: URL): string {
  const q = new URLSearchParams(url.search);
  q.delete('user');
  q.delete('password');
  const s = q.toString();
  return s ? `${url.pathname}?${s}` : url.pathname;
}
