// The alert engine: evaluates the rules on each snapshot, with hysteresis, into active alerts and transitions.
//
// Inputs and outputs, for whoever wires this into the poller (issue 7, "Alerts"):
//   const engine = createAlertEngine(loadRules(config.rulesFile));
//   let state = initialAlertState();                     // or the last state read back from Redis
//   const { state: next, alerts, events } = engine.evaluate(state, snapshot, clock.now());
//   state = next;  snapshot.alerts = alerts;  events → history store and webhook
// - `state` is plain JSON (numbers, strings, arrays, objects), never mutated: in cluster mode the
//   leader can keep it in Redis and a new leader carries on where the last one stopped.
// - `now` is injected (ms); operators' time in state and rule delays are measured against it.
// - `alerts` are the active alerts, most severe first, then oldest first.
// - Each rule keeps a track per subject: raised once its condition has held for `for` seconds,
//   cleared once it has been false for `clearFor` seconds. A condition that toggles every poll
//   therefore neither raises (the run of true restarts) nor, once raised, clears: nothing flaps.
// - One alert per figure (the rule's kind) and subject (issue 12.3): the most severe raised track
//   wins (ties: the one true now, then the first in the rules). `events` are its transitions:
//   `raised`, `escalated` / `deescalated` (same id, new severity), `cleared`.
// - A windowed rule (service level, answered %) holds only once its window is covered by a run of
//   fresh samples without a gap: never on the first minute of a fifteen-minute window.
// - A subject that leaves the snapshot (an operator logs out, a group disappears) counts as false;
//   a rule that is no longer in the rules clears its alerts at once.
//
// Proposed contract additions (written in packages/contract/src/intelligence.ts):
//   Snapshot.alerts: Alert[]             — `AlertSchema`, this module's `alerts`
//   SnapshotGroup.staffing: Staffing     — `StaffingSchema`, from `staffing()` in erlang-c.ts
//   AlertEvent { type, at, alert }       — this module's `events`, for GET /api/alerts and the webhook
// `Alert.kind` is added to the shape: `rule` is a user's name, and the SPA needs the kind to
// word the message in French and English.
import type {
  Alert,
  AlertEvent,
  AlertSeverity,
  AlertSubject,
  Snapshot,
  SnapshotGroup,
  SnapshotOperator,
} from '@vigie/contract';
import type { OperatorStateRule, Rule, WindowedRule } from '../config/rules-file';
import type { AlertState, FigureAlert, GroupSample, Track } from '../history/alert-state';

export type { AlertState } from '../history/alert-state';

type Figures = Alert['figures'];

export interface Evaluation {
  state: AlertState;
  alerts: Alert[];
  events: AlertEvent[];
}

export function initialAlertState(): AlertState {
  return { version: 1, tracks: {}, samples: {}, observedSince: {}, alerts: {} };
}

export interface EngineOptions {
  /** The board asks for live oldest waits (VIGIE_REALTIME_MAX_PER_MIN > 0, issue 12.4). */
  liveWait?: boolean;
}

interface Hit {
  subject: AlertSubject;
  figures: Figures;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
/** Down to 0.1: an average under its limit stays under it once rounded (89.96 → 89.9, not 90). */
const floor1 = (x: number): number => Math.floor(x * 10 + 1e-9) / 10;
const iso = (ms: number): string => new Date(ms).toISOString();
const keyOf = (rule: string, s: AlertSubject): string => `${rule}|${s.kind}|${s.id}`;
const figureKeyOf = (t: Pick<Track, 'kind' | 'subject'>): string =>
  `${t.kind}|${t.subject.kind}|${t.subject.id}`;
const groupSubject = (g: SnapshotGroup): AlertSubject => ({ kind: 'group', id: String(g.id) });

const inScope = (groups: readonly number[] | null, id: number): boolean =>
  groups === null || groups.includes(id);

const limitFor = (rule: { limit: number; limits: Readonly<Record<string, number>> }, id: number) =>
  rule.limits[String(id)] ?? rule.limit;

function windowAverage(
  samples: readonly GroupSample[] | undefined,
  field: 'serviceLevelPercent' | 'answeredPercent',
  from: number,
): { average: number; count: number } | null {
  let sum = 0;
  let count = 0;
  for (const s of samples ?? []) {
    const v = s[field];
    if (s.at >= from && v !== null) {
      sum += v;
      count += 1;
    }
  }
  return count === 0 ? null : { average: sum / count, count };
}

function windowedHits(rule: WindowedRule, snapshot: Snapshot, state: FullState, now: number) {
  const field = rule.kind === 'service-level' ? 'serviceLevelPercent' : 'answeredPercent';
  const hits: Hit[] = [];
  for (const g of snapshot.groups) {
    if (!inScope(rule.groups, g.id)) continue;
    // An average over less than the window is not "over 15 min" (issue 12.3).
    const observed = state.observedSince[String(g.id)];
    if (observed === undefined || now - observed < rule.window * 1000) continue;
    const avg = windowAverage(state.samples[String(g.id)], field, now - rule.window * 1000);
    const limit = limitFor(rule, g.id);
    // No call in the window means no level: silence is not a bad service.
    if (avg !== null && avg.average < limit) {
      hits.push({
        subject: groupSubject(g),
        figures: {
          [field]: floor1(avg.average),
          limit,
          windowSeconds: rule.window,
          samples: avg.count,
        },
      });
    }
  }
  return hits;
}

function matchesOperator(rule: OperatorStateRule, o: SnapshotOperator): boolean {
  if (rule.breakName !== null) {
    return o.breakName !== null && (rule.breakName === '*' || o.breakName === rule.breakName);
  }
  if (o.state !== rule.state) return false;
  // Logged-out operators are unavailable too, but nobody is "unavailable too long" after hours.
  return o.state !== 'unavailable' || o.loggedInSince !== null || o.breakName !== null;
}

function operatorHits(rule: OperatorStateRule, snapshot: Snapshot, now: number): Hit[] {
  const hits: Hit[] = [];
  for (const o of snapshot.operators) {
    if (!matchesOperator(rule, o) || o.stateSince === null) continue;
    const scoped = o.groups.filter((id) => inScope(rule.groups, id));
    if (scoped.length === 0 && rule.groups !== null) continue;
    // An operator in several groups is held to the strictest of their groups' limits.
    const limit =
      scoped.length === 0 ? rule.limit : Math.min(...scoped.map((id) => limitFor(rule, id)));
    const seconds = (now - Date.parse(o.stateSince)) / 1000;
    if (seconds > limit) {
      hits.push({
        subject: { kind: 'operator', id: String(o.id) },
        figures: {
          state: o.state,
          breakName: o.breakName,
          seconds: Math.floor(seconds),
          limit,
          precision: o.stateSincePrecision,
        },
      });
    }
  }
  return hits;
}

/** The subjects on which a rule's condition holds now, with the figures that show it. */
function hitsOf(
  rule: Rule,
  snapshot: Snapshot,
  state: FullState,
  now: number,
  options: EngineOptions,
): Hit[] {
  switch (rule.kind) {
    case 'queue-unattended':
      return snapshot.groups
        .filter((g) => inScope(rule.groups, g.id) && g.waiting > 0 && g.operators.available === 0)
        .map((g) => ({
          subject: groupSubject(g),
          figures: { waiting: g.waiting, longestWaitSeconds: g.longestWaitSeconds, available: 0 },
        }));
    case 'longest-wait':
      return snapshot.groups.flatMap((g) => {
        if (!inScope(rule.groups, g.id)) return [];
        const limit = limitFor(rule, g.id);
        // Issue 12.4: the live oldest wait (guide 4.2) when the board has it, else the day's maximum
        // bounded by the wait buckets.
        const live = liveWaitSeconds(g, now);
        const breach =
          live !== undefined
            ? live !== null && live > limit
            : options.liveWait
              ? // Live figures on, this group's not in yet (seconds away): only what the buckets
                // prove, never the day's maximum, so no alert is raised on a wait of the morning.
                waitAtLeast(g) > limit
              : g.longestWaitSeconds > limit && currentWaitCanExceed(g, limit);
        if (!breach) return [];
        return [
          {
            subject: groupSubject(g),
            figures: {
              longestWaitSeconds: live ?? g.longestWaitSeconds,
              limit,
              waiting: g.waiting,
              // The live figure says since when, so the message can tick from it.
              ...(live === undefined ? {} : { oldestSince: g.liveWait?.oldestSince ?? null }),
            },
          },
        ];
      });
    case 'service-level':
    case 'answered-rate':
      return windowedHits(rule, snapshot, state, now);
    case 'operator-state':
      return operatorHits(rule, snapshot, now);
    case 'upstream-stale':
      return (['operators', 'groups'] as const).flatMap((source) => {
        const f = snapshot.upstream.sources[source];
        // Never having succeeded is as stale as it gets.
        const stale = f.ageSeconds === null || f.ageSeconds * 1000 > rule.polls * f.pollMs;
        return stale
          ? [
              {
                subject: { kind: 'upstream', id: source } as const,
                figures: {
                  ageSeconds: f.ageSeconds === null ? null : round1(f.ageSeconds),
                  pollSeconds: f.pollMs / 1000,
                  status: snapshot.upstream.status,
                },
              },
            ]
          : [];
      });
  }
}

/**
 * Longest gap between two samples that still counts as watching: two missed polls of the groups,
 * and never under a minute (a restart of the board takes some seconds).
 */
const maxGapMs = (snapshot: Snapshot): number =>
  Math.max(60_000, 3 * snapshot.upstream.sources.groups.pollMs);

/** The group figures are observed now: they arrived within two polls. */
function groupsFresh(snapshot: Snapshot): boolean {
  const f = snapshot.upstream.sources.groups;
  return f.ageSeconds !== null && f.ageSeconds * 1000 <= 2 * f.pollMs;
}

function record(state: FullState, rules: readonly Rule[], snapshot: Snapshot, now: number) {
  const windows = rules.flatMap((r) =>
    r.kind === 'service-level' || r.kind === 'answered-rate' ? [r.window] : [],
  );
  if (windows.length === 0) {
    state.samples = {};
    state.observedSince = {};
    return;
  }
  const from = now - Math.max(...windows) * 1000;
  const next: Record<string, GroupSample[]> = {};
  const observed: Record<string, number> = {};
  const fresh = groupsFresh(snapshot);
  for (const g of snapshot.groups) {
    const id = String(g.id);
    const kept = (state.samples[id] ?? []).filter((s) => s.at >= from && s.at < now);
    const last = kept.at(-1)?.at;
    // A gap (the board stopped, Axialys silent) starts the run again: the window must be seen whole.
    const run =
      last === undefined || now - last > maxGapMs(snapshot) ? null : state.observedSince[id];
    if (!fresh) {
      // Figures older than two polls are not observations: kept samples age out, none is added.
      next[id] = kept;
      if (run !== undefined && run !== null) observed[id] = run;
      continue;
    }
    observed[id] = run ?? now;
    kept.push({
      at: now,
      serviceLevelPercent: g.serviceLevelPercent,
      answeredPercent: g.calls > 0 ? g.answeredPercent : null,
    });
    next[id] = kept;
  }
  // Groups no longer in the snapshot lose their samples: their alerts clear anyway.
  state.samples = next;
  state.observedSince = observed;
}

const toAlert = (a: FigureAlert): Alert => ({
  id: a.id,
  rule: a.rule,
  kind: a.kind,
  severity: a.severity,
  subject: { ...a.subject },
  since: iso(a.since),
  figures: { ...a.figures },
});

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1 };

/**
 * The raised track that speaks for its figure and subject: the most severe, then one whose
 * condition holds now (not one only waiting out its `clearFor`), then the first in the rules.
 */
function winners(tracks: AlertState['tracks'], ruleIndex: ReadonlyMap<string, number>) {
  const best = new Map<string, Track>();
  const score = (t: Track) => [
    SEVERITY_ORDER[t.severity],
    t.trueSince === null ? 1 : 0,
    ruleIndex.get(t.rule) ?? Number.MAX_SAFE_INTEGER,
  ];
  for (const t of Object.values(tracks)) {
    if (t.raisedAt === null) continue;
    const key = figureKeyOf(t);
    const had = best.get(key);
    if (had === undefined) {
      best.set(key, t);
      continue;
    }
    const [a, b] = [score(t), score(had)];
    const better = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
    if (better < 0) best.set(key, t);
  }
  return best;
}

/** From the raised tracks to one alert per figure and subject, with its transitions. */
function settleAlerts(
  state: FullState,
  ruleIndex: ReadonlyMap<string, number>,
  now: number,
  events: AlertEvent[],
): void {
  const best = winners(state.tracks, ruleIndex);
  const next: Record<string, FigureAlert> = {};
  for (const [key, t] of best) {
    const had = state.alerts[key];
    const alert: FigureAlert = {
      id: had?.id ?? `${t.kind}:${t.subject.kind}:${t.subject.id}:${now}`,
      rule: t.rule,
      kind: t.kind,
      severity: t.severity,
      subject: { ...t.subject },
      since: had === undefined ? t.since : Math.min(had.since, t.since),
      figures: { ...t.figures },
    };
    next[key] = alert;
    if (had === undefined) {
      events.push({ type: 'raised', at: iso(now), alert: toAlert(alert) });
    } else if (had.severity !== alert.severity) {
      const type =
        SEVERITY_ORDER[alert.severity] < SEVERITY_ORDER[had.severity] ? 'escalated' : 'deescalated';
      events.push({ type, at: iso(now), alert: toAlert(alert) });
    }
  }
  for (const [key, had] of Object.entries(state.alerts)) {
    if (!(key in next)) events.push({ type: 'cleared', at: iso(now), alert: toAlert(had) });
  }
  state.alerts = next;
}

type FullState = Required<AlertState>;

/**
 * A state saved before issue 12 has no figure alerts: each raised track becomes one under the id it
 * was raised with (`rule:kind:id:raisedAt`), so its clear names the alert a receiver already has.
 * Its samples count as observed from the first one.
 */
function upgrade(s: AlertState): FullState {
  if (s.alerts !== undefined && s.observedSince !== undefined) return s as FullState;
  const alerts: Record<string, FigureAlert> = {};
  for (const t of Object.values(s.tracks)) {
    const key = figureKeyOf(t);
    const had = alerts[key];
    if (t.raisedAt === null) continue;
    if (had && SEVERITY_ORDER[had.severity] <= SEVERITY_ORDER[t.severity]) continue;
    alerts[key] = {
      id: `${t.rule}:${t.subject.kind}:${t.subject.id}:${t.raisedAt}`,
      rule: t.rule,
      kind: t.kind,
      severity: t.severity,
      subject: { ...t.subject },
      since: t.since,
      figures: { ...t.figures },
    };
  }
  const observedSince = Object.fromEntries(
    Object.entries(s.samples).flatMap(([id, list]) => (list[0] ? [[id, list[0].at]] : [])),
  );
  return { ...s, alerts: s.alerts ?? alerts, observedSince: s.observedSince ?? observedSince };
}

/** One step of the engine. Pure: `state` is not modified; the returned state replaces it. */
export function evaluate(
  rules: readonly Rule[],
  previous: AlertState,
  snapshot: Snapshot,
  now: number,
  options: EngineOptions = {},
): Evaluation {
  const state = upgrade(structuredClone(previous));
  const events: AlertEvent[] = [];
  record(state, rules, snapshot, now);

  const byId = new Map(rules.map((r) => [r.id, r]));
  const trueNow = new Set<string>();
  for (const rule of rules) {
    for (const hit of hitsOf(rule, snapshot, state, now, options)) {
      const key = keyOf(rule.id, hit.subject);
      trueNow.add(key);
      const t: Track = state.tracks[key] ?? {
        rule: rule.id,
        kind: rule.kind,
        severity: rule.severity,
        subject: hit.subject,
        trueSince: null,
        falseSince: null,
        raisedAt: null,
        since: now,
        figures: hit.figures,
      };
      state.tracks[key] = t;
      t.figures = hit.figures;
      t.severity = rule.severity;
      t.falseSince = null;
      if (t.trueSince === null) {
        t.trueSince = now;
        if (t.raisedAt === null) t.since = now;
      }
      if (t.raisedAt === null && now - t.trueSince >= rule.for * 1000) t.raisedAt = now;
    }
  }

  for (const [key, t] of Object.entries(state.tracks)) {
    if (trueNow.has(key)) continue;
    t.trueSince = null;
    if (t.raisedAt === null) {
      // A pending condition that breaks before `for` elapses starts again from zero.
      delete state.tracks[key];
      continue;
    }
    const rule = byId.get(t.rule);
    t.falseSince ??= now;
    if (rule === undefined || now - t.falseSince >= rule.clearFor * 1000) delete state.tracks[key];
  }
  settleAlerts(state, new Map(rules.map((r, i) => [r.id, i])), now, events);

  // Issue 10.9: never show an alert on a group or operator this board (its account) does not have;
  // the track itself still clears in its time, so a webhook receiver hears the end of it.
  const groups = new Set(snapshot.groups.map((g) => String(g.id)));
  const operators = new Set(snapshot.operators.map((o) => String(o.id)));
  const known = (s: AlertSubject): boolean =>
    s.kind === 'group' ? groups.has(s.id) : s.kind === 'operator' ? operators.has(s.id) : true;
  const alerts = Object.values(state.alerts)
    .filter((a) => known(a.subject))
    .map(toAlert)
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.since.localeCompare(b.since) ||
        a.id.localeCompare(b.id),
    );
  return { state, alerts, events };
}

/** The rules bound once, for the poller: `engine.evaluate(state, snapshot, now)`. */
export function createAlertEngine(rules: readonly Rule[], options: EngineOptions = {}) {
  return {
    rules,
    evaluate: (state: AlertState, snapshot: Snapshot, now: number): Evaluation =>
      evaluate(rules, state, snapshot, now, options),
  };
}

/**
 * The live oldest wait in whole seconds at `now`: null when nobody waits, undefined when the board
 * has no live figure for the group (off, not asked yet), so the rule falls back to 4.3.
 */
function liveWaitSeconds(
  g: Pick<SnapshotGroup, 'liveWait'>,
  now: number,
): number | null | undefined {
  if (!g.liveWait) return undefined;
  if (g.liveWait.oldestSince === null) return null;
  return Math.max(0, Math.floor((now - Date.parse(g.liveWait.oldestSince)) / 1000));
}

/** What the wait buckets prove about the longest wait now, in seconds (a lower bound). */
function waitAtLeast(g: Pick<SnapshotGroup, 'waiting' | 'waiting1to3m' | 'waitingOver3m'>): number {
  if (g.waitingOver3m > 0) return 180;
  if (g.waiting1to3m > 0) return 60;
  return 0;
}

/**
 * guide 4.3 gives `tps_max_attente`, which the simulator (and our reading of the guide) takes as
 * the day's maximum: it stays high after the queue has emptied. The wait buckets describe the
 * callers waiting *now*, so they bound the current longest wait from above: nobody waiting, or
 * only callers under a minute, cannot be over a limit of a minute or more.
 */
function currentWaitCanExceed(
  g: Pick<SnapshotGroup, 'waiting' | 'waiting1to3m' | 'waitingOver3m'>,
  limitSeconds: number,
): boolean {
  if (g.waiting <= 0) return false;
  if (g.waitingOver3m > 0) return true;
  if (g.waiting1to3m > 0) return limitSeconds < 180;
  return limitSeconds < 60;
}
