// Who polls: this instance takes the lease when it is free, renews it while it holds it, and says so on change.
import type { Lease } from './lease';

export interface LeaderElectionOptions {
  lease: Lease;
  /** How often to renew or try to acquire (default a third of the lease). */
  intervalMs?: number;
  /** Called on every change of leadership, and when the known leader changes. */
  onChange?: (state: { isLeader: boolean; leader: string | null }) => void;
  onRenewal?: () => void;
  /** The lease was lost while held (not renewed in time, taken, or Redis unreachable). */
  onLoss?: (reason: string) => void;
  /** This instance took the lease; `failover` when another instance held it before. */
  onAcquire?: (failover: boolean) => void;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class LeaderElection {
  private leading = false;
  private knownLeader: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly o: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** The instance id of the leader as last seen in Redis (null: nobody, or unknown). */
  get leader(): string | null {
    return this.knownLeader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops renewing and gives the lease back, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    if (this.leading) {
      this.set(false, null);
      await this.o.lease.release().catch(() => undefined);
    }
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() =>
        this.schedule(this.o.intervalMs ?? Math.max(50, Math.floor(this.o.lease.ttlMs / 3))),
      );
    }, ms);
    this.timer.unref();
  }

  /** One round: renew when leading, else try to take a free lease; read who leads. */
  async tick(): Promise<void> {
    const { lease } = this.o;
    if (this.leading) {
      try {
        if (await lease.renew()) {
          this.o.onRenewal?.();
          return;
        }
        this.lose('the lease was taken or expired before renewal');
      } catch (err) {
        // Fencing: a leader that cannot renew stops at once; the lease runs out in Redis by itself.
        lease.forget();
        this.lose(`renewal failed: ${(err as Error).message}`);
        return;
      }
    }
    try {
      const previous = await lease.holder();
      if (previous === null && (await lease.acquire())) {
        this.o.onAcquire?.(this.knownLeader !== null);
        this.set(true, lease.token?.split(' ')[0] ?? null);
        return;
      }
      this.set(false, previous ?? (await lease.holder()));
    } catch {
      // Redis unreachable: nobody can be proven to lead.
      this.set(false, null);
    }
  }

  private lose(reason: string): void {
    this.o.onLoss?.(reason);
    this.o.log?.warn({ reason }, 'lost the poller lease: polling stops');
    this.set(false, null);
  }

  private set(isLeader: boolean, leader: string | null): void {
    if (isLeader === this.leading && leader === this.knownLeader) return;
    if (isLeader && !this.leading) this.o.log?.info({ leader }, 'took the poller lease');
    this.leading = isLeader;
    this.knownLeader = leader;
    this.o.onChange?.({ isLeader, leader });
  }
}
