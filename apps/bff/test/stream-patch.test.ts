// GET /api/stream?patch=1 over real HTTP: snapshot then patches rebuild exactly what a full-stream client gets.
import type { Snapshot, SnapshotPatch } from '@vigie/contract';
import { applyPatch } from '@vigie/contract/patch';
import { describe, expect, it } from 'vitest';
import { build, buildWithAuth, eventually, LEAD_GROUP, SseClient, type SseEvent } from './support';

/** The snapshot held after each event, by seq, as a patch-applying client rebuilds it. */
function rebuild(events: readonly SseEvent[]): Map<number, Snapshot> {
  const bySeq = new Map<number, Snapshot>();
  let held: Snapshot | null = null;
  for (const e of events) {
    if (e.event === 'snapshot') held = JSON.parse(e.data) as Snapshot;
    else if (e.event === 'patch') {
      if (!held) throw new Error('a patch before any snapshot');
      held = applyPatch(held, JSON.parse(e.data) as SnapshotPatch);
    } else continue;
    expect(e.id).toBe(String(held.seq));
    bySeq.set(held.seq, held);
  }
  return bySeq;
}

const full = (events: readonly SseEvent[]) =>
  new Map(
    events
      .filter((e) => e.event === 'snapshot')
      .map((e) => [(JSON.parse(e.data) as Snapshot).seq, e] as const),
  );

const count = (c: SseClient, event: string) => c.events.filter((e) => e.event === event).length;

/** Waits until `plain` holds the full snapshot of the last patch `patched` got. */
async function caughtUp(patched: SseClient, plain: SseClient): Promise<void> {
  const last = patched.events.filter((e) => e.event === 'patch').at(-1)?.id;
  await plain.until(
    () => plain.events.some((e) => e.event === 'snapshot' && e.id === last),
    3000,
    "the plain client's copy of the last patch",
  );
}

/** Both clients saw the same seqs; the patch client rebuilt each exactly, in fewer bytes. */
function compare(patched: SseClient, plain: SseClient): void {
  const rebuilt = rebuild(patched.events);
  const reference = full(plain.events);
  let common = 0;
  let patchBytes = 0;
  let fullBytes = 0;
  for (const e of patched.events) {
    if (e.event !== 'patch') continue;
    const seq = Number(e.id);
    const ref = reference.get(seq);
    if (!ref) continue;
    expect(rebuilt.get(seq), `seq ${seq}`).toStrictEqual(JSON.parse(ref.data));
    patchBytes += Buffer.byteLength(e.data);
    fullBytes += Buffer.byteLength(ref.data);
    common++;
  }
  for (const [seq, s] of rebuilt) {
    const ref = reference.get(seq);
    if (ref) expect(s, `seq ${seq}`).toStrictEqual(JSON.parse(ref.data));
  }
  expect(common).toBeGreaterThanOrEqual(3);
  expect(patchBytes).toBeLessThan(fullBytes);
}

describe('GET /api/stream?patch=1', () => {
  it('sends a snapshot, then patches that rebuild exactly the full stream, in fewer bytes', async () => {
    const b = await build({ sim: { operators: 60 } });
    await eventually(
      () => (b.app.snapshots.latest?.snapshot.operators.length ?? 0) > 0,
      5000,
      'a first snapshot with operators',
    );
    const plain = new SseClient(`${b.base}/api/stream`);
    const patched = new SseClient(`${b.base}/api/stream?patch=1`);
    await patched.until(() => count(patched, 'patch') >= 6, 10_000, 'six patches');
    await caughtUp(patched, plain);
    expect(patched.events.find((e) => e.event !== 'heartbeat')?.event).toBe('snapshot');
    expect(plain.events.some((e) => e.event === 'patch')).toBe(false);
    compare(patched, plain);
    // Patches that changed operators carry only those.
    const patches = patched.events
      .filter((e) => e.event === 'patch')
      .map((e) => JSON.parse(e.data) as SnapshotPatch);
    expect(patches.every((p) => p.operators.upsert.length < 60)).toBe(true);
  });

  it('after a Last-Event-ID resume, sends a full snapshot first, then patches', async () => {
    const b = await build({
      env: { POLL_OPERATORS_MS: '1000', POLL_GROUPS_MS: '1000', POLL_DIRECTORY_MS: '60000' },
    });
    // Two snapshots: `latest - 1` is one that was sent.
    await eventually(
      () => (b.app.snapshots.latest?.snapshot.seq ?? 0) >= 2 || undefined,
      5000,
      'a second snapshot',
    );
    const latest = b.app.snapshots.latest?.snapshot.seq ?? 0;
    const behind = new SseClient(`${b.base}/api/stream?patch=1`, {
      'last-event-id': String(latest - 1),
    });
    const upToDate = new SseClient(`${b.base}/api/stream?patch=1`, {
      'last-event-id': String(latest),
    });
    for (const c of [behind, upToDate]) {
      await c.until(() => count(c, 'patch') >= 1, 6000, 'a patch after the resume');
      const named = c.events.filter((e) => e.event !== 'heartbeat');
      expect(named[0]?.event).toBe('snapshot');
      rebuild(c.events); // applies without a mismatch
    }
    const first = upToDate.events.find((e) => e.event === 'snapshot');
    expect(Number(first?.id)).toBeGreaterThan(latest);
  });

  it('named the snapshot fetched from /api/snapshot (base=seq-takenAt), starts with patches onto it', async () => {
    const b = await build({
      env: { POLL_OPERATORS_MS: '1000', POLL_GROUPS_MS: '1000', POLL_DIRECTORY_MS: '60000' },
    });
    await eventually(
      () => (b.app.snapshots.latest?.snapshot.operators.length ?? 0) > 0,
      5000,
      'a first snapshot with operators',
    );
    const bad = await fetch(`${b.base}/api/stream?patch=1&base=12:30`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/base/);
    // A poll may land between the two requests: then the stream starts full, as it should; the
    // next try is within the same poll.
    for (let attempt = 0; ; attempt++) {
      const fetched = (await (await fetch(`${b.base}/api/snapshot`)).json()) as Snapshot;
      const base = `${fetched.seq}-${Date.parse(fetched.takenAt)}`;
      const c = new SseClient(`${b.base}/api/stream?patch=1&base=${base}`);
      await c.until(
        () => c.events.some((e) => e.event === 'patch' || e.event === 'snapshot'),
        6000,
        'a first event',
      );
      const first = c.events.find((e) => e.event !== 'heartbeat');
      if (first?.event === 'snapshot' && attempt < 3) continue;
      expect(first?.event).toBe('patch');
      const patch = JSON.parse(first?.data ?? '{}') as SnapshotPatch;
      expect(patch.baseSeq).toBe(fetched.seq);
      const rebuilt = applyPatch(fetched, patch);
      await eventually(
        () => (b.app.snapshots.latest?.snapshot.seq ?? 0) >= rebuilt.seq || undefined,
        3000,
        'the patched seq published',
      );
      const now = (await (await fetch(`${b.base}/api/snapshot`)).json()) as Snapshot;
      if (now.seq === rebuilt.seq) expect(rebuilt).toStrictEqual(now);
      break;
    }
  });

  it('gives a team lead patches of their scope only, rebuilding their full stream', async () => {
    const b = await buildWithAuth({ sim: { operators: 40 } });
    await eventually(
      () => (b.app.snapshots.latest?.snapshot.operators.length ?? 0) > 0,
      5000,
      'a first snapshot with operators',
    );
    const bob = { cookie: await b.signIn('bob') };
    const alice = { cookie: await b.signIn('alice') };
    const leadPlain = new SseClient(`${b.base}/api/stream`, bob);
    const leadPatched = new SseClient(`${b.base}/api/stream?patch=1`, bob);
    const leadPatched2 = new SseClient(`${b.base}/api/stream?patch=1`, bob);
    const supPatched = new SseClient(`${b.base}/api/stream?patch=1`, alice);
    const supPlain = new SseClient(`${b.base}/api/stream`, alice);
    await leadPatched.until(() => count(leadPatched, 'patch') >= 5, 10_000, 'five patches');
    await caughtUp(leadPatched, leadPlain);
    await caughtUp(supPatched, supPlain);
    compare(leadPatched, leadPlain);
    compare(supPatched, supPlain);
    const scoped = rebuild(leadPatched.events);
    for (const s of scoped.values()) {
      expect(s.groups.map((g) => g.id)).toEqual([LEAD_GROUP]);
      expect(s.operators.every((o) => o.groups.every((g) => g === LEAD_GROUP))).toBe(true);
    }
    // Every client of a scope gets the same bytes; the scopes differ.
    const patchData = (c: SseClient) =>
      new Map(c.events.filter((e) => e.event === 'patch').map((e) => [e.id, e.data]));
    const lead1 = patchData(leadPatched);
    const lead2 = patchData(leadPatched2);
    const sup = patchData(supPatched);
    let same = 0;
    for (const [id, data] of lead1) {
      if (lead2.has(id)) {
        expect(lead2.get(id)).toBe(data);
        same++;
      }
      if (sup.has(id)) expect(sup.get(id)).not.toBe(data);
    }
    expect(same).toBeGreaterThan(0);
  });

  it('refuses a patch parameter that is neither 0 nor 1, naming it', async () => {
    const b = await build();
    const res = await b.get('/api/stream?patch=yes');
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/patch/);
  });
});
