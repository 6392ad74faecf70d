// Cluster mode, the snapshot's side of the fan-out: what Redis gives back is published here (the
// same bytes on every instance), leadership starts and stops the poller, and while Redis is away
// the latest snapshot is re-marked stale. Given to the ClusterNode as its hooks, at construction.
import type { ClusterHooks, ReceivedSnapshot } from '../cluster';
import type { Clock } from '../lib/clock';
import type { SnapshotSource } from '../upstream/source';
import { restoredUpstream } from './last-snapshot';
import type { SnapshotStore } from './publisher';
import { markStale } from './stale';

/** While Redis is down, the re-marked snapshot is refreshed this often (its age grows). */
const STALE_REMARK_MS = 5_000;

interface FanoutTargets {
  readonly publisher: SnapshotStore;
  readonly source: SnapshotSource;
}

export interface ClusterFanoutOptions {
  /**
   * The publisher and the poller. They are made after the node (they need its Redis and its
   * fence), and read here only when a hook fires, which is once the node started (onReady).
   */
  targets: () => FanoutTargets;
  clock: Clock;
  instanceId: string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export class ClusterFanout implements ClusterHooks {
  /** Leadership changes are applied one after the other: a stop finishes before a new start. */
  private leadership: Promise<void> = Promise.resolve();
  private stale: NodeJS.Timeout | null = null;

  constructor(private readonly o: ClusterFanoutOptions) {}

  onSnapshot(s: ReceivedSnapshot): boolean {
    const { publisher } = this.o.targets();
    const p = publisher.accept(s.seq, s.json);
    if (!p) {
      this.o.log.warn(
        { seq: s.seq, via: s.via },
        'a snapshot from Redis is not of this version’s contract: ignored',
      );
      return false;
    }
    // Issue 10.4: the key read at start may hold the figures of a cluster that stopped (or is
    // about to be taken over by this instance): shown with their real age, never 'ok', until a
    // fresh one is published on the channel.
    const now = this.o.clock.now();
    if (s.via === 'latest')
      publisher.replace(
        {
          ...p.snapshot,
          takenAt: new Date(now).toISOString(),
          upstream: restoredUpstream(p.snapshot, now, p.snapshot.upstream),
        },
        true,
      );
    return p.snapshot.upstream.sources.operators.lastSuccessAt !== null;
  }

  onLeadership(isLeader: boolean): void {
    const { publisher, source } = this.o.targets();
    this.leadership = this.leadership
      .then(async () => {
        if (isLeader) {
          // Start from our own answers, keeping the time in state of unchanged operators.
          publisher.resetSources(publisher.latest?.snapshot ?? null);
          source.start();
        } else {
          await source.stop();
        }
      })
      // One failed change must not block every later one (nor go unhandled).
      .catch((err: unknown) => this.o.log.error({ err, isLeader }, 'leadership change failed'));
  }

  onRedisStatus(status: 'ok' | 'down'): void {
    if (status === 'down') {
      this.remark();
      this.stale ??= setInterval(() => this.remark(), STALE_REMARK_MS);
      this.stale.unref();
    } else {
      this.stop();
    }
  }

  /** No more re-marks (Redis is back, or the app closes). */
  stop(): void {
    if (this.stale) clearInterval(this.stale);
    this.stale = null;
  }

  private remark(): void {
    const { publisher } = this.o.targets();
    const latest = publisher.latest;
    if (latest)
      publisher.replace(markStale(latest.snapshot, this.o.clock.now(), this.o.instanceId));
  }
}
