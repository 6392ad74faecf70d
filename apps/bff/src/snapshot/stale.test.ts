import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { markStale } from './stale';
import { BOARD_CONFIG } from '../../test/support/fixtures';

const T = Date.parse('2026-11-27T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function snapshot(): Snapshot {
  const source = (pollMs: number) => ({ lastSuccessAt: iso(T - 1000), ageSeconds: 1, pollMs });
  return {
    seq: 1764237600001,
    takenAt: iso(T),
    buildId: 'b',
    demo: false,
    upstream: {
      status: 'ok',
      lastSuccessAt: iso(T - 1000),
      error: null,
      sources: { operators: source(30_000), groups: source(15_000) },
    },
    config: BOARD_CONFIG,
    operators: [],
    groups: [],
    cluster: { mode: 'cluster', instanceId: 'a', leader: 'a', redis: 'ok' },
    alerts: [],
  };
}

describe('a snapshot re-marked stale while Redis is down', () => {
  it('keeps the figures and the seq, and says how old they are and why', () => {
    const s = markStale(snapshot(), T + 10_000, 'b');
    expect(s.seq).toBe(1764237600001);
    expect(s.takenAt).toBe(iso(T + 10_000));
    expect(s.upstream.status).toBe('degraded');
    expect(s.upstream.sources.operators.ageSeconds).toBe(11);
    expect(s.upstream.error).toContain('Redis unreachable');
    expect(s.cluster).toEqual({ mode: 'cluster', instanceId: 'b', leader: null, redis: 'down' });
  });

  it('turns down once the figures are older than two poll periods', () => {
    expect(markStale(snapshot(), T + 40_000, 'b').upstream.status).toBe('down');
  });
});
