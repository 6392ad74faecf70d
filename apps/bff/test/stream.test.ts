// GET /api/stream over real HTTP: snapshot at once, Last-Event-ID resume, heartbeats, fan-out without upstream cost.
import { Value } from 'typebox/value';
import { SnapshotSchema, type Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import type { Poller } from '../src/upstream/poller';
import {
  build,
  type Built,
  eventually,
  GatedClock,
  liveWaitRequests,
  otherGroupStatsRequests,
  SseClient,
} from './support';

/**
 * Closes the gate and waits until no poll is in flight (every loop of the source waits on its
 * timer): from then on no snapshot is published until `clock.open()`.
 */
async function holdPolls(b: Built, clock: GatedClock): Promise<number> {
  clock.close();
  const loops = Object.keys(b.app.source.health).length;
  // The live oldest wait's loop (issue 12.4) runs on the clock too: held on its timer, or idle.
  const liveWait = () => (b.app.source as Poller).liveWaitActivity;
  await eventually(
    () =>
      (liveWait() !== 'asking' && clock.pending === loops + (liveWait() === 'timer' ? 1 : 0)) ||
      undefined,
    5000,
    'every poll loop idle',
  );
  return b.app.snapshots.latest?.snapshot.seq ?? 0;
}

const heartbeats = (c: SseClient) => c.events.filter((e) => e.event === 'heartbeat').length;

describe('GET /api/stream', () => {
  it('sends the current snapshot at once to a new client, with SSE headers and retry', async () => {
    const clock = new GatedClock();
    const b = await build({
      env: { POLL_OPERATORS_MS: '2000', POLL_GROUPS_MS: '2000' },
      app: { clock },
    });
    const first = await eventually(
      () =>
        (b.app.snapshots.latest?.snapshot.operators.length ?? 0) > 0
          ? b.app.snapshots.latest
          : undefined,
      5000,
      'a first snapshot with operators',
    );
    const atConnect = await holdPolls(b, clock);
    const t0 = Date.now();
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => c.snapshots.length > 0, 2000, 'the first snapshot');
    // The current snapshot, from the store, well before the next poll (2 s).
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(c.snapshots[0]?.seq).toBe(atConnect);
    expect(c.res?.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.res?.headers['cache-control']).toBe('no-cache');
    expect(c.res?.headers['x-accel-buffering']).toBe('no');
    expect(c.retry).toBe(3000);
    const got = c.snapshots[0] as Snapshot;
    expect(got.seq).toBeGreaterThanOrEqual(first.snapshot.seq);
    expect(c.events[0]?.id).toBe(String(got.seq));
    expect(Value.Check(SnapshotSchema, got)).toBe(true);
    expect(got.operators.length).toBeGreaterThan(0);
    expect(got.operators.every((o) => o.name.length > 0)).toBe(true);
  });

  it('honours Last-Event-ID: a client with the latest seq gets nothing until the next snapshot', async () => {
    const clock = new GatedClock();
    const b = await build({
      env: { POLL_OPERATORS_MS: '1500', POLL_GROUPS_MS: '1500', POLL_DIRECTORY_MS: '60000' },
      app: { clock },
    });
    await eventually(() => b.app.snapshots.latest, 5000, 'a first snapshot');
    const latest = await holdPolls(b, clock);
    const byHeader = new SseClient(`${b.base}/api/stream`, { 'last-event-id': String(latest) });
    const byQuery = new SseClient(`${b.base}/api/stream?lastEventId=${latest}`);
    const stale = new SseClient(`${b.base}/api/stream`, { 'last-event-id': String(latest - 1) });
    await stale.until(() => stale.snapshots.length > 0, 2000, 'the stale client to catch up');
    // A heartbeat after connecting: the stream is open and its start has been sent.
    await byHeader.until(() => heartbeats(byHeader) > 0, 4000, 'a heartbeat');
    await byQuery.until(() => heartbeats(byQuery) > 0, 4000, 'a heartbeat');
    expect(b.app.snapshots.latest?.snapshot.seq).toBe(latest);
    expect(byHeader.snapshots).toHaveLength(0);
    expect(byQuery.snapshots).toHaveLength(0);
    expect(stale.snapshots.map((x) => x.seq)).toEqual([latest]);
    clock.open();
    await byHeader.until(() => byHeader.snapshots.length > 0, 4000, 'the next snapshot');
    await byQuery.until(() => byQuery.snapshots.length > 0, 4000, 'the next snapshot');
    expect(byHeader.snapshots[0]?.seq).toBe(latest + 1);
    expect(byQuery.snapshots[0]?.seq).toBe(latest + 1);
  });

  it('sends a heartbeat comment and a heartbeat event every SSE_HEARTBEAT_MS', async () => {
    const b = await build({ env: { SSE_HEARTBEAT_MS: '200' } });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () => c.events.filter((e) => e.event === 'heartbeat').length >= 2,
      3000,
      'two heartbeats',
    );
    expect(c.comments).toBeGreaterThanOrEqual(2);
    const hb = c.events.find((e) => e.event === 'heartbeat');
    expect(Number.isNaN(Date.parse(hb?.data ?? ''))).toBe(false);
  });

  it('sends each new snapshot to every client, seq rising by one', async () => {
    const b = await build();
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => c.snapshots.length >= 5, 5000, 'five snapshots');
    const seqs = c.snapshots.map((s) => s.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] ?? 0) + 1);
  });

  it('ends streams cleanly when the app closes', async () => {
    const b = await build();
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => c.snapshots.length > 0, 3000, 'a snapshot');
    await b.app.close();
    await c.until(() => c.ended, 3000, 'the stream to end');
    expect(b.app.sse.size).toBe(0);
  });
});

describe('fan-out', () => {
  /** Runs the BFF until `polls` operators_init calls were made, with `clients` streams open. */
  async function run(clients: number, polls: number) {
    // Every client comes from 127.0.0.1: lift the per-address stream cap (50 by default).
    const b = await build({
      env: { VIGIE_MAX_STREAMS_PER_IP: '500', VIGIE_MAX_STREAMS_PER_PRINCIPAL: '500' },
    });
    const streams = Array.from({ length: clients }, () => new SseClient(`${b.base}/api/stream`));
    await eventually(
      () => streams.every((s) => s.snapshots.length > 0) || undefined,
      10_000,
      'every client to get a snapshot',
    );
    await eventually(
      () => (b.sim.audit().byEndpoint['operators_init'] ?? 0) >= polls || undefined,
      10_000,
      `${polls} polls`,
    );
    const audit = b.sim.audit();
    // The live oldest wait's 4.2 calls run on their own schedule: told apart from the others.
    const liveWait = (await liveWaitRequests(b.sim)).length;
    const otherStatsGroups = (await otherGroupStatsRequests(b.sim)).length;
    for (const s of streams) s.close();
    await b.app.close();
    return { audit, b, streams, liveWait, otherStatsGroups };
  }

  it('200 concurrent stream clients cause exactly the upstream calls of one', async () => {
    const one = await run(1, 6);
    const many = await run(200, 6);
    expect(many.audit.violations).toBe(0);
    expect(one.audit.violations).toBe(0);
    const ep = (a: typeof one.audit, name: string) => a.byEndpoint[name] ?? 0;
    expect(ep(many.audit, 'operators_init')).toBe(ep(one.audit, 'operators_init'));
    // Directories and the start-up history: once each, whatever the number of viewers.
    for (const name of ['operators', 'groups', 'calls_status', 'op_details', 'stats_calls']) {
      expect(ep(many.audit, name), name).toBe(ep(one.audit, name));
    }
    expect(many.otherStatsGroups, 'stats_groups').toBe(one.otherStatsGroups);
    // The live oldest wait: one call per waiting group per 4.3 poll, whatever the viewers; a
    // round in flight apart (its groups are the ones waiting at that moment).
    expect(Math.abs(many.liveWait - one.liveWait)).toBeLessThanOrEqual(4);
    // group_stats runs on its own timer: the same schedule, give or take the tick in flight.
    expect(
      Math.abs(ep(many.audit, 'group_stats') - ep(one.audit, 'group_stats')),
    ).toBeLessThanOrEqual(1);
    // Every client got the same bytes: the same latest seq everywhere.
    const lastSeqs = new Set(many.streams.map((s) => s.snapshots.at(-1)?.seq));
    expect(lastSeqs.size).toBeLessThanOrEqual(2);
  }, 40_000);
});
