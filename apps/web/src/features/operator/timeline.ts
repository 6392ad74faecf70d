// Today's timeline from the status history (guide 3.4): rows per event type, and the stacked form
// Recharts draws as a horizontal timeline (transparent gaps, coloured events).
import type { HistoryEvent, HistoryReply } from '@vigie/contract';

/** The types of guide 3.4 in display order; a newer type gets a row after these. */
const KNOWN_EVENT_TYPES = ['login', 'call_in', 'call_out', 'catchup', 'break'] as const;

/** Okabe–Ito colours: distinct for the common colour-vision deficiencies. */
const EVENT_COLOURS: Record<string, string> = {
  login: '#009E73',
  call_in: '#0072B2',
  call_out: '#E69F00',
  catchup: '#CC79A7',
  break: '#D55E00',
};
const OTHER_EVENT_COLOUR = '#7a7a7a';
export const eventColour = (type: string) => EVENT_COLOURS[type] ?? OTHER_EVENT_COLOUR;

export interface TimelineSpan {
  /** Milliseconds since the epoch, clipped to the timeline's window. */
  startMs: number;
  endMs: number;
  event: HistoryEvent;
}

export interface TimelineRow {
  type: string;
  spans: TimelineSpan[];
}

/** Known types always get a row (so the legend never moves); unknown types follow, by name. */
export function buildTimelineRows(
  events: readonly HistoryEvent[],
  windowStartMs: number,
  windowEndMs: number,
): TimelineRow[] {
  const byType = new Map<string, TimelineSpan[]>();
  for (const t of KNOWN_EVENT_TYPES) byType.set(t, []);
  for (const event of events) {
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    const startMs = Math.max(start, windowStartMs);
    const endMs = Math.min(Math.max(end, start), windowEndMs);
    if (endMs < startMs) continue;
    const list = byType.get(event.type) ?? [];
    list.push({ startMs, endMs, event });
    byType.set(event.type, list);
  }
  const unknown = [...byType.keys()]
    .filter((t) => !(KNOWN_EVENT_TYPES as readonly string[]).includes(t))
    .sort();
  return [...KNOWN_EVENT_TYPES, ...unknown].map((type) => ({
    type,
    spans: (byType.get(type) ?? []).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs),
  }));
}

/** One chart row: `g<i>` is the gap before span i, `e<i>` span i itself, both in seconds. */
type StackedRow = { type: string } & Record<string, number | string>;

export interface StackedTimeline {
  rows: StackedRow[];
  /** Keys in stacking order: g0, e0, g1, e1, … up to the busiest row. */
  keys: string[];
  /** The span behind an `e<i>` key of a row, for tooltips. */
  spans: Map<string, TimelineSpan>;
}

export const spanKey = (type: string, key: string) => `${type}|${key}`;

/**
 * Stacked-bar form of the rows, in seconds from `originMs`. Overlapping spans of one type are
 * trimmed to start where the previous one ended, so a row never draws backwards.
 */
export function stackTimeline(rows: readonly TimelineRow[], originMs: number): StackedTimeline {
  let longest = 0;
  const spans = new Map<string, TimelineSpan>();
  const out = rows.map((row) => {
    const r: StackedRow = { type: row.type };
    let cursor = originMs;
    row.spans.forEach((span, i) => {
      const start = Math.max(span.startMs, cursor);
      const end = Math.max(span.endMs, start);
      r[`g${i}`] = (start - cursor) / 1000;
      r[`e${i}`] = (end - start) / 1000;
      spans.set(spanKey(row.type, `e${i}`), span);
      cursor = end;
    });
    longest = Math.max(longest, row.spans.length);
    return r;
  });
  const keys = Array.from({ length: longest }, (_, i) => [`g${i}`, `e${i}`]).flat();
  return { rows: out, keys, spans };
}

export interface TotalLine {
  type: string;
  count: number;
  seconds: number;
}

/** The reply's totals in the timeline's row order, with zeros for known types never seen. */
export function orderedTotals(totals: HistoryReply['totals']): TotalLine[] {
  const unknown = Object.keys(totals)
    .filter((t) => !(KNOWN_EVENT_TYPES as readonly string[]).includes(t))
    .sort();
  return [...KNOWN_EVENT_TYPES, ...unknown].map((type) => ({
    type,
    count: totals[type]?.count ?? 0,
    seconds: totals[type]?.seconds ?? 0,
  }));
}

/**
 * The part of the day worth drawing: whole hours around the events (the day starts at midnight
 * and a past day ends at 23:59, but nobody works at 3 a.m.), within the history's period.
 */
export function timelineWindow(
  events: readonly HistoryEvent[],
  fromMs: number,
  toMs: number,
): { startMs: number; endMs: number } {
  const hour = 3_600_000;
  const starts = events.map((e) => Date.parse(e.start)).filter((t) => !Number.isNaN(t));
  const ends = events.map((e) => Date.parse(e.end)).filter((t) => !Number.isNaN(t));
  const first = starts.length > 0 ? Math.min(...starts) : fromMs;
  const last = ends.length > 0 ? Math.max(...ends) : toMs;
  const startMs = Math.max(fromMs, Math.floor(first / hour) * hour);
  const endMs = Math.min(toMs, Math.ceil(last / hour) * hour);
  return { startMs, endMs: Math.max(endMs, startMs + 60_000) };
}

/** Hourly ticks (in seconds from the origin) across the window, at most ~13 of them. */
export function hourTicks(originMs: number, endMs: number): number[] {
  const hour = 3_600_000;
  const span = Math.max(0, endMs - originMs);
  const step = hour * Math.max(1, Math.ceil(span / hour / 12));
  const first = Math.ceil(originMs / hour) * hour;
  const ticks: number[] = [];
  for (let t = first; t <= endMs; t += step) ticks.push((t - originMs) / 1000);
  return ticks;
}
