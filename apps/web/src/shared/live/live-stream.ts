// The one EventSource on /api/stream: connection state, watchdog, backoff, probe and build-id reloads.
import type { Snapshot } from '@vigie/contract';
import { applyPatch } from '@vigie/contract/patch';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { parsePatch, parseSnapshot } from './parse';
import { silenceLimitMs } from './watchdog';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** Event names on /api/stream (kept here as strings so the contract's TypeBox stays out of the bundle). */
const SNAPSHOT_EVENT = 'snapshot';
const HEARTBEAT_EVENT = 'heartbeat';
/** Sent instead of `snapshot` to a stream opened with `?patch=1` (contract SnapshotPatchSchema). */
const PATCH_EVENT = 'patch';
/** Issue 13: settings changed (contract SettingsEvent: the kinds); the page refetches them. */
const SETTINGS_EVENT = 'settings';

/** The subset of EventSource this module uses, so tests can pass a fake. */
export interface EventSourceLike {
  onopen: ((this: never, ev: Event) => unknown) | null;
  onerror: ((this: never, ev: Event) => unknown) | null;
  onmessage: ((this: never, ev: MessageEvent) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveStreamOptions {
  url: string;
  onSnapshot: (snapshot: Snapshot) => void;
  createEventSource?: (url: string) => EventSourceLike;
  timers?: Timers;
  random?: () => number;
  /** Called once when the BFF starts serving another build. */
  onNewBuild?: (buildId: string) => void;
  /**
   * Called on each transport error. EventSource hides the HTTP status, so a 401 (signed out, a
   * display's token withdrawn) looks like a network fault: the owner checks the session and stops
   * the stream rather than let it reconnect for ever.
   */
  onError?: () => void;
  backoff?: BackoffOptions;
  /**
   * Asked before each reconnect attempt (e.g. GET /healthz): a few bytes instead of a stream, a
   * session check and a full snapshot for every try while the BFF is away. Without it, each
   * attempt opens the stream.
   */
  probe?: () => Promise<boolean>;
  /** Wall-clock milliseconds, for the age of an outage (the backoff's ceiling grows after 2 min). */
  now?: () => number;
  /**
   * The current snapshot as compressed JSON (GET /api/snapshot), fetched once before the first
   * stream, which then opens at its seq and starts with patches: the stream itself is never
   * compressed, so its full first snapshot was most of a first visit's bytes (issue 12.7).
   * Null or a failure: the stream starts with its full snapshot, as without it.
   */
  prime?: () => Promise<string | null>;
  /** Settings of these kinds changed (boards, screens, queues, ticker, acks): refetch them. */
  onSettings?: (kinds: string[]) => void;
}

/** The stream's address naming the snapshot the page holds: the hub then starts with patches. */
function withBase(url: string, base: Snapshot): string {
  return `${url}${url.includes('?') ? '&' : '?'}base=${base.seq}-${Date.parse(base.takenAt)}`;
}

type Listener = (state: ConnectionState) => void;

export class LiveStream {
  #state: ConnectionState = 'connecting';
  readonly #listeners = new Set<Listener>();
  readonly #opts: Required<
    Omit<LiveStreamOptions, 'onNewBuild' | 'onError' | 'probe' | 'prime' | 'onSettings'>
  > &
    Pick<LiveStreamOptions, 'onNewBuild' | 'onError' | 'probe' | 'prime' | 'onSettings'>;
  #source: EventSourceLike | null = null;
  #watchdog: unknown = null;
  #retry: unknown = null;
  #attempt = 0;
  #last: Snapshot | undefined;
  #heartbeatSeen = false;
  #firstBuildId: string | null = null;
  #reloading = false;
  #running = false;
  /** A patch did not fit since the last full snapshot: the next misfit waits for the backoff. */
  #misfit = false;
  /** When the stream last went from live to reconnecting; null while live. */
  #outageSince: number | null = null;
  /** Bumped by stop(): a probe answering after it must not reconnect. */
  #generation = 0;
  /** A primed snapshot, named to the next stream only (a later one starts full). */
  #primed: Snapshot | null = null;

  constructor(opts: LiveStreamOptions) {
    this.#opts = {
      createEventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
      timers: {
        setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
        clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
      },
      random: Math.random,
      backoff: DEFAULT_BACKOFF,
      now: () => Date.now(),
      ...opts,
    };
  }

  get state(): ConnectionState {
    return this.#state;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const prime = this.#opts.prime;
    if (!prime || this.#last) {
      this.#connect();
      return;
    }
    const generation = this.#generation;
    const go = (data: string | null) => {
      if (generation !== this.#generation || !this.#running) return;
      const snapshot = data === null ? null : parseSnapshot(data);
      if (snapshot) {
        this.#receive(snapshot);
        this.#primed = snapshot;
      }
      this.#connect();
    };
    void prime().then(go, () => go(null));
  }

  stop(): void {
    this.#running = false;
    this.#generation += 1;
    this.#teardown();
    if (this.#retry !== null) this.#opts.timers.clearTimeout(this.#retry);
    this.#retry = null;
  }

  #setState(next: ConnectionState): void {
    if (next === this.#state) return;
    if (next === 'live') this.#outageSince = null;
    else if (next === 'reconnecting') this.#outageSince ??= this.#opts.now();
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }

  #connect(): void {
    this.#retry = null;
    if (!this.#running) return;
    this.#heartbeatSeen = false;
    const primed = this.#primed;
    this.#primed = null;
    const source = this.#opts.createEventSource(
      primed === null ? this.#opts.url : withBase(this.#opts.url, primed),
    );
    this.#source = source;
    source.onopen = () => {
      if (source !== this.#source) return;
      this.#setState('live');
      this.#alive();
    };
    source.onerror = () => {
      if (source !== this.#source) return;
      this.#reconnect();
      this.#opts.onError?.();
    };
    // Unnamed messages count as life too, whatever they carry.
    source.onmessage = () => {
      if (source === this.#source) this.#alive();
    };
    source.addEventListener(HEARTBEAT_EVENT, () => {
      if (source !== this.#source) return;
      this.#heartbeatSeen = true;
      this.#alive();
    });
    source.addEventListener(SNAPSHOT_EVENT, (ev) => {
      if (source !== this.#source) return;
      this.#setState('live');
      this.#alive();
      const snapshot = parseSnapshot(String(ev.data));
      if (!snapshot) return;
      this.#misfit = false;
      this.#receive(snapshot);
    });
    source.addEventListener(PATCH_EVENT, (ev) => {
      if (source !== this.#source) return;
      this.#setState('live');
      this.#alive();
      this.#patch(String(ev.data));
    });
    source.addEventListener(SETTINGS_EVENT, (ev) => {
      if (source !== this.#source) return;
      this.#alive();
      const kinds = settingsKinds(String(ev.data));
      if (kinds.length > 0) this.#opts.onSettings?.(kinds);
    });
    this.#armWatchdog();
  }

  /**
   * A patch applies onto the snapshot shown when it was made from it; unchanged operators stay the
   * same objects. Otherwise the board keeps what it shows and a new stream (no Last-Event-ID, so
   * a full snapshot first) replaces this one.
   */
  #patch(data: string): void {
    const patch = parsePatch(data);
    const last = this.#last;
    let next: Snapshot | null = null;
    if (patch && last && patch.baseSeq === last.seq) {
      try {
        next = applyPatch(last, patch);
      } catch {
        next = null;
      }
    }
    if (next) this.#receive(next);
    else this.#resync();
  }

  #resync(): void {
    if (this.#misfit) {
      this.#reconnect();
      return;
    }
    this.#misfit = true;
    this.#teardown();
    this.#connect();
  }

  #receive(snapshot: Snapshot): void {
    this.#attempt = 0;
    if (this.#firstBuildId === null) this.#firstBuildId = snapshot.buildId;
    else if (snapshot.buildId !== this.#firstBuildId && !this.#reloading) {
      this.#reloading = true;
      this.#opts.onNewBuild?.(snapshot.buildId);
    }
    // A snapshot older than the one shown (a replay after reconnect) must not move the board back.
    // (seq restarts with the BFF, so compare the instants the snapshots were taken.)
    if (this.#last && Date.parse(snapshot.takenAt) < Date.parse(this.#last.takenAt)) return;
    this.#last = snapshot;
    this.#armWatchdog();
    this.#opts.onSnapshot(snapshot);
  }

  #alive(): void {
    this.#armWatchdog();
  }

  #armWatchdog(): void {
    if (this.#watchdog !== null) this.#opts.timers.clearTimeout(this.#watchdog);
    const limit = silenceLimitMs(this.#last, this.#heartbeatSeen);
    this.#watchdog = this.#opts.timers.setTimeout(() => {
      this.#watchdog = null;
      this.#reconnect();
    }, limit);
  }

  #teardown(): void {
    if (this.#watchdog !== null) this.#opts.timers.clearTimeout(this.#watchdog);
    this.#watchdog = null;
    const source = this.#source;
    this.#source = null;
    source?.close();
  }

  #reconnect(): void {
    this.#teardown();
    if (!this.#running || this.#retry !== null) return;
    this.#setState('reconnecting');
    this.#schedule();
  }

  #schedule(): void {
    const outageMs = this.#opts.now() - (this.#outageSince ?? this.#opts.now());
    const delay = backoffDelay(this.#attempt, this.#opts.random, this.#opts.backoff, outageMs);
    this.#attempt += 1;
    this.#retry = this.#opts.timers.setTimeout(() => this.#attemptNow(), delay);
  }

  /** Opens the stream, or first asks the probe; a failed probe waits for the next backoff. */
  #attemptNow(): void {
    const probe = this.#opts.probe;
    if (!probe) {
      this.#connect();
      return;
    }
    const generation = this.#generation;
    // #retry stays set while the probe runs, so an error or watchdog meanwhile schedules nothing.
    void probe().then(
      (ok) => this.#afterProbe(generation, ok),
      () => this.#afterProbe(generation, false),
    );
  }

  #afterProbe(generation: number, ok: boolean): void {
    if (generation !== this.#generation || !this.#running) return;
    if (ok) this.#connect();
    else this.#schedule();
  }
}

/** The kinds a `settings` event names; nothing when it is not of that shape. */
function settingsKinds(data: string): string[] {
  try {
    const v = JSON.parse(data) as { kinds?: unknown };
    return Array.isArray(v.kinds) ? v.kinds.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}
