import { describe, expect, it } from 'vitest';
import { buildSnapshot, upstreamOf } from './builder';
import type { SourceHealth, SourceName } from '../upstream/source';
import { TimeInState } from './time-in-state';
import { BOARD_CONFIG } from '../../test/support/fixtures';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const h = (o: Partial<SourceHealth> = {}): SourceHealth => ({
  lastAttemptAt: NOW,
  lastSuccessAt: NOW,
  error: null,
  unauthorized: false,
  pollMs: 30_000,
  ...o,
});
const health = (o: Partial<Record<SourceName, Partial<SourceHealth>>> = {}) => ({
  operators: h(o.operators),
  groups: h({ pollMs: 15_000, ...o.groups }),
  directory: h({ pollMs: 600_000, ...o.directory }),
});

describe('upstream status', () => {
  it('is ok when every last attempt succeeded', () => {
    expect(upstreamOf(health(), NOW)).toMatchObject({ status: 'ok', error: null });
  });
  it('is degraded when a source failed but figures are younger than two periods', () => {
    const u = upstreamOf(
      health({
        groups: { error: 'Axialys answered HTTP 503 on group_stats', lastSuccessAt: NOW - 20_000 },
      }),
      NOW,
    );
    expect(u.status).toBe('degraded');
    expect(u.error).toContain('Group figures');
    expect(u.lastSuccessAt).toBe(new Date(NOW - 20_000).toISOString());
    expect(u.sources.groups.ageSeconds).toBe(20);
  });
  it('is down when figures are older than two periods, or never came', () => {
    expect(
      upstreamOf(health({ groups: { error: 'x', lastSuccessAt: NOW - 31_000 } }), NOW).status,
    ).toBe('down');
    expect(upstreamOf(health({ operators: { error: 'x', lastSuccessAt: null } }), NOW).status).toBe(
      'down',
    );
  });
  it('is waiting, never ok, while a core source has not answered yet and nothing failed (issue 10.4)', () => {
    const u = upstreamOf(health({ operators: { lastSuccessAt: null } }), NOW);
    expect(u.status).toBe('waiting');
    expect(u.lastSuccessAt).toBeNull();
    expect(upstreamOf(health({ groups: { lastSuccessAt: null } }), NOW).status).toBe('waiting');
  });
  it('is unauthorized on bad credentials, with a message for people', () => {
    const u = upstreamOf(health({ operators: { error: 'refused', unauthorized: true } }), NOW);
    expect(u.status).toBe('unauthorized');
    expect(u.error).toMatch(/AXIALYS_USER/);
  });
});

describe('buildSnapshot', () => {
  it('joins names (fallback #id), counts members by state, and computes the service level', () => {
    const tis = new TimeInState();
    const statuses = [
      { id: 1, state: 'available' as const, groupIds: [10, 11] },
      { id: 2, state: 'connected' as const, groupIds: [10] },
    ];
    tis.observe(statuses, NOW);
    const s = buildSnapshot({
      seq: 3,
      now: NOW,
      buildId: 'b',
      demo: true,
      config: BOARD_CONFIG,
      health: health(),
      operators: { at: NOW, statuses },
      groups: {
        at: NOW,
        groups: [
          {
            groupId: 10,
            calls: 8,
            uniqueCalls: 8,
            escalated: 0,
            answeredPercent: 75,
            inConversation: 1,
            waiting: 2,
            lost: 2,
            uniqueLost: 2,
            maxWaitSeconds: 80,
            averageWaitSeconds: 20,
            averageTalkSeconds: 100,
            averageAbandonSeconds: 30,
            averageCatchupSeconds: 5,
            waitingUnder1m: 1,
            waiting1to3m: 1,
            waitingOver3m: 0,
            abandonedWithin: 1,
            answeredWithin: 6,
          },
          {
            groupId: 11,
            calls: 0,
            uniqueCalls: 0,
            escalated: 0,
            answeredPercent: 0,
            inConversation: 0,
            waiting: 0,
            lost: 0,
            uniqueLost: 0,
            maxWaitSeconds: 0,
            averageWaitSeconds: 0,
            averageTalkSeconds: 0,
            averageAbandonSeconds: 0,
            averageCatchupSeconds: 0,
            waitingUnder1m: 0,
            waiting1to3m: 0,
            waitingOver3m: 0,
            abandonedWithin: 0,
            answeredWithin: 0,
          },
        ],
      },
      directory: {
        operators: new Map([[1, { id: 1, name: 'Alice', login: 'amartin' }]]),
        groups: new Map([[10, { id: 10, name: 'Support' }]]),
      },
      timeInState: tis,
      cluster: { mode: 'single', instanceId: 'test-1', leader: 'test-1', redis: null },
    });
    expect(s.operators.map((o) => o.name)).toEqual(['#2', 'Alice']);
    // The login tells two people of the same name apart on the wall; absent when unknown.
    expect(s.operators.map((o) => o.login)).toEqual([undefined, 'amartin']);
    const g10 = s.groups.find((g) => g.id === 10);
    expect(g10?.name).toBe('Support');
    expect(g10?.serviceLevelPercent).toBe(75);
    expect(g10?.operators).toEqual({
      available: 1,
      ringing: 0,
      calling: 0,
      connected: 1,
      unavailable: 0,
    });
    const g11 = s.groups.find((g) => g.id === 11);
    expect(g11?.name).toBe('#11');
    expect(g11?.serviceLevelPercent).toBeNull();
    expect(s.cluster).toEqual({
      mode: 'single',
      instanceId: 'test-1',
      leader: 'test-1',
      redis: null,
    });
  });
});
