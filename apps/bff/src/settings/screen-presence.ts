// Which screens are online, when each was last seen and from where (issue 13 §2), from the SSE
// hub's open streams: updated when a stream opens or closes and at each heartbeat. In a cluster
// each instance knows only its own streams, so each also writes what it sees to a shared map
// (Redis): every instance then lists the same. Kept out of the settings store on purpose: a
// heartbeat is not a change (no version, no audit entry, no `settings` event to every page).

export interface SeenEntry {
  /** When it was last seen (ms): the last heartbeat while open, the close after. */
  readonly at: number;
  readonly address: string;
  readonly online: boolean;
}

/** The map every instance shares (Redis in a cluster). */
export interface SharedSeen {
  put(entries: ReadonlyMap<string, SeenEntry>): Promise<void>;
  all(): Promise<Map<string, SeenEntry>>;
}

export interface StreamsView {
  streams(prefix: string): { owner: string; address: string; openedAt: number }[];
}

export interface PresenceLog {
  warn(obj: object, msg: string): void;
}

export class ScreenPresence {
  private readonly seen = new Map<string, SeenEntry>();
  private open = new Set<string>();
  private warned = false;

  /**
   * `staleMs`: another instance's "online" older than this is not believed (that instance died
   * without saying goodbye); a few heartbeats.
   */
  constructor(
    private readonly hub: StreamsView,
    private readonly staleMs: number,
    private readonly shared: SharedSeen | null,
    private readonly log: PresenceLog,
  ) {}

  /** The hub's streams changed, or a heartbeat: record what is open now and what just closed. */
  update(now: number): void {
    const latest = new Map<string, { address: string; openedAt: number }>();
    for (const s of this.hub.streams('display:')) {
      const cur = latest.get(s.owner);
      if (!cur || s.openedAt >= cur.openedAt) latest.set(s.owner, s);
    }
    const changed = new Map<string, SeenEntry>();
    for (const [owner, s] of latest) {
      const e = { at: now, address: s.address, online: true };
      this.seen.set(owner, e);
      changed.set(owner, e);
    }
    for (const owner of this.open) {
      if (latest.has(owner)) continue;
      const prev = this.seen.get(owner);
      const e = { at: now, address: prev?.address ?? '', online: false };
      this.seen.set(owner, e);
      changed.set(owner, e);
    }
    this.open = new Set(latest.keys());
    if (this.shared && changed.size > 0)
      this.shared.put(changed).catch((err: unknown) => {
        // Once: Redis being away is already reported by the cluster; the local view still works.
        if (this.warned) return;
        this.warned = true;
        this.log.warn(
          { error: (err as Error).message },
          'screens: cannot share last-seen; listing this instance only',
        );
      });
  }

  /** Every owner's presence, this instance's merged with what the others shared. */
  async all(now: number): Promise<Map<string, SeenEntry>> {
    const out = new Map<string, SeenEntry>();
    if (this.shared) {
      try {
        for (const [owner, e] of await this.shared.all())
          out.set(owner, e.online && now - e.at > this.staleMs ? { ...e, online: false } : e);
      } catch {
        // Redis away: this instance's own view, below.
      }
    }
    for (const [owner, e] of this.seen) {
      const other = out.get(owner);
      const online = this.open.has(owner) || (other?.online ?? false);
      const newer = !other || e.at >= other.at ? e : other;
      out.set(owner, { ...newer, online });
    }
    return out;
  }
}
