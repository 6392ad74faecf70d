// Writes to the history store, one after the other and off the build path: a slow store never
// delays a snapshot, and a failing one is logged once per distinct error and counted.
import type { HistoryStore } from './history-store';

export interface WriteQueueOptions {
  store: Pick<HistoryStore, 'kind'>;
  log: { warn(obj: object, msg: string): void };
  onError: () => void;
}

export class WriteQueue {
  private writes: Promise<void> = Promise.resolve();
  private lastError = '';

  constructor(private readonly o: WriteQueueOptions) {}

  /** Queues `op` after every write queued before it; `what` names it in the log. */
  write(what: string, op: () => Promise<unknown>): void {
    this.writes = this.writes.then(op).then(
      () => {
        this.lastError = '';
      },
      (err: Error) => {
        this.o.onError();
        if (err.message !== this.lastError)
          this.o.log.warn(
            { err: err.message, store: this.o.store.kind, what },
            'history store write failed',
          );
        this.lastError = err.message;
      },
    );
  }

  /** Resolves once every write queued so far is done. */
  async drained(): Promise<void> {
    await this.writes;
  }
}
