import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@vigie/contract';
import {
  buildTimelineRows,
  hourTicks,
  orderedTotals,
  spanKey,
  stackTimeline,
  timelineWindow,
} from './timeline';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const ev = (type: string, fromMin: number, toMin: number): HistoryEvent => ({
  type,
  start: at(fromMin),
  end: at(toMin),
  durationSeconds: (toMin - fromMin) * 60,
  callId: null,
  info: null,
});

describe('timeline from the history', () => {
  it('gives every known type a row in a fixed order, and newer types after them', () => {
    const rows = buildTimelineRows(
      [ev('voicemail', 5, 6), ev('call_in', 1, 2)],
      T0,
      T0 + 3_600_000,
    );
    expect(rows.map((r) => r.type)).toEqual([
      'login',
      'call_in',
      'call_out',
      'catchup',
      'break',
      'voicemail',
    ]);
    expect(rows[1]?.spans).toHaveLength(1);
  });

  it('sorts spans and clips them to the window', () => {
    const rows = buildTimelineRows(
      [ev('call_in', 50, 70), ev('call_in', -10, 5)],
      T0,
      T0 + 60 * 60_000,
    );
    const spans = rows.find((r) => r.type === 'call_in')?.spans ?? [];
    expect(spans.map((s) => [(s.startMs - T0) / 60_000, (s.endMs - T0) / 60_000])).toEqual([
      [0, 5],
      [50, 60],
    ]);
  });

  it('skips events with unreadable dates or entirely outside the window', () => {
    const bad = { ...ev('break', 1, 2), start: 'yesterday' };
    const rows = buildTimelineRows([bad, ev('break', 90, 95)], T0, T0 + 60 * 60_000);
    expect(rows.find((r) => r.type === 'break')?.spans).toEqual([]);
  });

  it('stacks gaps and events in seconds from the origin, trimming overlaps', () => {
    const rows = buildTimelineRows(
      [ev('call_in', 10, 20), ev('call_in', 15, 30), ev('break', 5, 6)],
      T0,
      T0 + 3_600_000,
    );
    const { rows: data, keys, spans } = stackTimeline(rows, T0);
    expect(keys).toEqual(['g0', 'e0', 'g1', 'e1']);
    const callIn = data.find((r) => r.type === 'call_in');
    expect(callIn).toEqual({ type: 'call_in', g0: 600, e0: 600, g1: 0, e1: 600 });
    expect(data.find((r) => r.type === 'break')).toEqual({ type: 'break', g0: 300, e0: 60 });
    expect(data.find((r) => r.type === 'login')).toEqual({ type: 'login' });
    expect(spans.get(spanKey('call_in', 'e1'))?.event.start).toBe(at(15));
  });

  it('orders totals like the rows, with zeros for types not seen', () => {
    const totals = orderedTotals({
      call_in: { count: 3, seconds: 400 },
      zzz: { count: 1, seconds: 5 },
    });
    expect(totals.map((t) => t.type)).toEqual([
      'login',
      'call_in',
      'call_out',
      'catchup',
      'break',
      'zzz',
    ]);
    expect(totals[1]).toEqual({ type: 'call_in', count: 3, seconds: 400 });
    expect(totals[0]).toEqual({ type: 'login', count: 0, seconds: 0 });
  });

  it('puts a tick on each whole hour, thinning them over long windows', () => {
    expect(hourTicks(T0 - 30 * 60_000, T0 + 2 * 3_600_000)).toEqual([1800, 5400, 9000]);
    expect(hourTicks(T0, T0 + 24 * 3_600_000)).toHaveLength(13);
  });

  it('draws whole hours around the events, not the whole day', () => {
    const midnight = T0 - 8 * 3_600_000;
    const w = timelineWindow(
      [ev('login', 7, 60), ev('call_in', 20, 30)],
      midnight,
      T0 + 2 * 3_600_000,
    );
    expect(w).toEqual({ startMs: T0, endMs: T0 + 3_600_000 });
    expect(timelineWindow([], midnight, midnight)).toEqual({
      startMs: midnight,
      endMs: midnight + 60_000,
    });
  });
});
