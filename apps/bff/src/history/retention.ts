// History retention: the record keeps its last `retentionDays` local days; pruned at start and
// then once a day, on the clock it is given.
import type { Clock } from '../lib/clock';
import { daysBefore, localDay } from '../lib/local-time';
import type { HistoryStore } from './history-store';

const DAY_MS = 86_400_000;

interface RetentionOptions {
  store: Pick<HistoryStore, 'prune'>;
  clock: Clock;
  timeZone: string;
  retentionDays: number;
  /** How a prune runs: the plugin queues it behind the store's other writes, and logs a failure. */
  run: (prune: () => Promise<void>) => void;
  onPruned: (removed: number, firstKeptDay: string) => void;
}

/** Prunes now, then every day until the returned stop is called. */
export function startRetention(o: RetentionOptions): () => void {
  const prune = async (): Promise<void> => {
    const now = o.clock.now();
    const firstKeptDay = daysBefore(localDay(now, o.timeZone), o.retentionDays - 1);
    const removed = await o.store.prune(firstKeptDay, now - o.retentionDays * DAY_MS);
    if (removed > 0) o.onPruned(removed, firstKeptDay);
  };
  let timer: unknown = null;
  const tick = (): void => {
    timer = o.clock.setTimeout(tick, DAY_MS);
    o.run(prune);
  };
  tick();
  return () => {
    if (timer !== null) o.clock.clearTimeout(timer);
    timer = null;
  };
}
