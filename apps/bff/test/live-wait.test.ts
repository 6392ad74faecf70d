// The live oldest wait over real HTTP against the simulator (issue 12.4, guide 4.2 realtime): only
// waiting groups are asked, one group per call, within VIGIE_REALTIME_MAX_PER_MIN, for every viewer.
import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import {
  build,
  type Built,
  eventually,
  groupOf,
  isLiveWaitRequest,
  liveWaitRequests,
  simRequests,
  sleep,
  SseClient,
} from './support';

/** 03:00 in the account's zone: nobody logged in, nobody calling, so only what a test floods waits. */
const NIGHT = '2026-11-27T03:00:00+01:00';

async function ready(b: Built): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && s.upstream.sources.groups.lastSuccessAt && s.groups.length > 0 ? s : undefined;
    },
    8000,
    'a snapshot with group figures',
  );
}

/** The simulator's own truth: since when the longest-waiting caller of `groupId` waits (to the
 * second: guide 4.2 dates carry whole seconds). */
function trueOldest(b: Built, groupId: number): string | null {
  const since = b.sim.centre.waitingIn(groupId).map((c) => c.legs.at(-1)?.enteredAt ?? c.arrivedAt);
  return since.length ? new Date(Math.floor(Math.min(...since) / 1000) * 1000).toISOString() : null;
}

const latestGroup = (b: Built, id: number) =>
  b.app.snapshots.latest?.snapshot.groups.find((g) => g.id === id);

describe('live oldest wait (guide 4.2 realtime)', () => {
  it('asks only about groups whose 4.3 figures show callers waiting, one group per call, and shows the true oldest', async () => {
    const b = await build({ sim: { startAt: NIGHT, speed: 1 } });
    const s = await ready(b);
    // A few 4.3 polls with nobody waiting: no 4.2 call at all, and every group says so.
    await sleep(1200);
    expect(s.groups.every((g) => g.waiting === 0)).toBe(true);
    expect(await liveWaitRequests(b.sim)).toEqual([]);
    const quiet = b.app.snapshots.latest?.snapshot;
    expect(quiet?.groups.map((g) => g.liveWait?.oldestSince)).toEqual(
      quiet?.groups.map(() => null),
    );

    const [flooded, other] = s.groups.map((g) => g.id);
    b.sim.centre.flood(flooded!, 3);
    const g = await eventually(
      () => {
        const x = latestGroup(b, flooded!);
        return x?.liveWait?.oldestSince ? x : undefined;
      },
      5000,
      'a live wait on the flooded group',
    );
    expect(g.waiting).toBe(3);
    expect(g.liveWait?.oldestSince).toBe(trueOldest(b, flooded!));
    expect(Date.parse(g.liveWait!.at)).toBeGreaterThanOrEqual(Date.parse(g.liveWait!.oldestSince!));
    await sleep(1000);
    const asked = await liveWaitRequests(b.sim);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked.map(groupOf))).toEqual(new Set([flooded]));
    expect(latestGroup(b, other!)?.liveWait?.oldestSince).toBeNull();
  });

  it(`keeps to VIGIE_REALTIME_MAX_PER_MIN: evenly spaced, never more in a sliding minute`, async () => {
    const MAX = 120; // one call per 500 ms at most
    const b = await build({
      sim: { startAt: NIGHT, speed: 1 },
      env: { VIGIE_REALTIME_MAX_PER_MIN: String(MAX) },
    });
    const s = await ready(b);
    // Every group waiting, 4.3 every 300 ms: four groups would want 800 calls a minute.
    for (const g of s.groups) b.sim.centre.flood(g.id, 2);
    await eventually(async () => (await liveWaitRequests(b.sim)).length >= 10, 10_000, '10 calls');
    const times = (await liveWaitRequests(b.sim)).map((r) => Date.parse(r.at));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // The simulator stamps arrival: a request may arrive a few ms earlier than the BFF's spacing.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000 / MAX - 30);
    for (const t of times)
      expect(times.filter((x) => x > t - 60_000 && x <= t).length).toBeLessThanOrEqual(MAX);
    // Every waiting group had its turn.
    expect(new Set((await liveWaitRequests(b.sim)).map(groupOf))).toEqual(
      new Set(s.groups.map((g) => g.id)),
    );
  });

  it('VIGIE_REALTIME_MAX_PER_MIN=0: no 4.2 call and no live figure, even with callers waiting', async () => {
    const b = await build({
      sim: { startAt: NIGHT, speed: 1 },
      env: { VIGIE_REALTIME_MAX_PER_MIN: '0' },
    });
    const s = await ready(b);
    b.sim.centre.flood(s.groups[0]!.id, 2);
    await eventually(() => (latestGroup(b, s.groups[0]!.id)?.waiting ?? 0) > 0, 5000, 'waiting');
    await sleep(1000);
    expect(await liveWaitRequests(b.sim)).toEqual([]);
    expect(b.app.snapshots.latest?.snapshot.groups.every((g) => g.liveWait === null)).toBe(true);
  });

  it('is coalesced: 40 streams cause the live-wait calls of one', async () => {
    const b = await build({
      sim: { startAt: NIGHT, speed: 1 },
      env: {
        VIGIE_REALTIME_MAX_PER_MIN: '600',
        VIGIE_MAX_STREAMS_PER_IP: '100',
        VIGIE_MAX_STREAMS_PER_PRINCIPAL: '100',
      },
    });
    const s = await ready(b);
    const waitingIds = s.groups.slice(0, 2).map((g) => g.id);
    for (const id of waitingIds) b.sim.centre.flood(id, 2);
    const first = new SseClient(`${b.base}/api/stream`);
    await eventually(async () => (await liveWaitRequests(b.sim)).length >= 2, 5000, 'first calls');

    const PHASE_MS = 3000;
    /** Live-wait calls and 4.3 answers the simulator received during `ms`. */
    const phase = async (ms: number) => {
      const from = new Date().toISOString();
      await sleep(ms);
      const got = (await simRequests(b.sim)).filter((r) => r.at >= from);
      return {
        live: got.filter(isLiveWaitRequest).length,
        rounds: got.filter((r) => r.endpoint === 'group_stats').length,
      };
    };
    const one = await phase(PHASE_MS);

    const more = Array.from({ length: 39 }, () => new SseClient(`${b.base}/api/stream`));
    const streams = [first, ...more];
    await eventually(() => streams.every((c) => c.snapshots.length > 0), 5000, 'every stream');
    const forty = await phase(PHASE_MS);

    // At most one call per waiting group per 4.3 answer (+ the round in flight), viewers or not.
    const n = waitingIds.length;
    for (const p of [one, forty]) {
      expect(p.live).toBeGreaterThan(0);
      expect(p.live).toBeLessThanOrEqual(n * (p.rounds + 1));
    }
    // So the same count either way, the 4.3 rounds cut at each end of a phase apart.
    expect(Math.abs(forty.live - one.live)).toBeLessThanOrEqual(2 * n);
    expect(forty.live).toBeLessThanOrEqual((600 * PHASE_MS) / 60_000 + 1);
    // Every viewer is shown the same figure: the one poller's.
    const seq = Math.min(...streams.map((c) => c.snapshots.at(-1)!.seq));
    await eventually(
      () => streams.every((c) => c.snapshots.some((x) => x.seq === seq)),
      3000,
      'seq',
    );
    const shown = streams.map(
      (c) =>
        c.snapshots.find((x) => x.seq === seq)!.groups.find((g) => g.id === waitingIds[0])
          ?.liveWait,
    );
    expect(new Set(shown.map((w) => JSON.stringify(w))).size).toBe(1);
    expect(shown[0]?.oldestSince).toBe(trueOldest(b, waitingIds[0]!));
  });
});
