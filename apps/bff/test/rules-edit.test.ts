// Issue 13 §5 over real HTTP: alert rules edited from the browser, checked by the rules file's
// own validator (a bad rule refused naming its field), applied by the engine at once, undone.
import type { RulesReply, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { buildWithAuth, eventually, TOKENS } from './support';

const json = { 'content-type': 'application/json' };

describe('alert rules edited in the browser', () => {
  it('refuses a bad rule naming its field, applies a good one at once, and goes back to the file', async () => {
    const b = await buildWithAuth({
      env: { VIGIE_REALTIME_MAX_PER_MIN: '0' },
      sim: { speed: 30, groups: 3, operators: 12 },
    });
    const alice = await b.signIn('alice');
    const h = { ...json, cookie: alice };
    const get = async () => (await b.call('/api/rules', { headers: h })).json() as RulesReply;
    const put = (body: unknown) =>
      b.call('/api/rules', { method: 'PUT', headers: h, body: JSON.stringify(body) });

    const fromFile = await get();
    expect(fromFile.source).toBe('file');
    expect(fromFile.version).toBeNull();
    expect(fromFile.rules.map((r) => r['id'])).toContain('long-break');

    // The file's validator: the field path of the first problem, every problem in the message.
    const bad = await put({
      version: null,
      rules: [
        { id: 'ok', kind: 'queue-unattended' },
        { id: 'wait', kind: 'longest-wait', limit: -5 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'rules[1].limit' });
    expect((bad.json() as { message: string }).message).toContain('positive number of seconds');
    const unknown = await put({
      version: null,
      rules: [{ id: 'x', kind: 'queue-unattended', colour: 1 }],
    });
    expect(unknown.json()).toMatchObject({ field: 'rules[0].colour' });
    const dup = await put({
      version: null,
      rules: [
        { id: 'x', kind: 'queue-unattended' },
        { id: 'x', kind: 'queue-unattended' },
      ],
    });
    expect(dup.json()).toMatchObject({ field: 'rules[1].id' });
    expect((await get()).source).toBe('file');

    // A rule that holds at once: any operator on any break for more than half a second.
    const snap = await eventually(async () => {
      const r = await b.call('/api/snapshot', { headers: h });
      const s = r.status === 200 ? (r.json() as Snapshot) : null;
      return s && s.operators.some((o) => o.loggedInSince !== null) ? s : null;
    }, 8000);
    const op = snap.operators.find((o) => o.loggedInSince !== null)!.id;
    await fetch(`${b.sim.url}/sim/operators/${op}/state`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ state: 'unavailable', breakName: 'Edited' }),
    });
    const good = await put({
      version: null,
      rules: [
        { id: 'ui-break', kind: 'operator-state', breakName: 'Edited', limit: 0.5, clearFor: 0.3 },
      ],
    });
    expect(good.status, good.body).toBe(200);
    const stored = good.json() as RulesReply;
    expect(stored).toMatchObject({ source: 'ui', version: 1, updatedBy: 'alice' });
    expect(stored.rules).toEqual([
      expect.objectContaining({
        id: 'ui-break',
        kind: 'operator-state',
        severity: 'warning',
        limit: 0.5,
      }),
    ]);
    const raised = await eventually(
      async () =>
        ((await b.call('/api/snapshot', { headers: h })).json() as Snapshot).alerts.find(
          (a) => a.rule === 'ui-break',
        ),
      8000,
      'the edited rule raised',
    );
    expect(raised.subject).toEqual({ kind: 'operator', id: String(op) });

    // Concurrent edits: the stale version is refused and nothing changes.
    expect((await put({ version: null, rules: [] })).status).toBe(409);
    expect((await put({ version: 7, rules: [] })).json()).toMatchObject({ field: 'version' });
    // Supervisors only.
    const bob = await b.signIn('bob');
    expect((await b.call('/api/rules', { headers: { cookie: bob } })).status).toBe(403);
    expect(
      (
        await b.call('/api/rules', {
          method: 'PUT',
          headers: { ...json, cookie: bob },
          body: JSON.stringify({ version: 1, rules: [] }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await b.call('/api/rules', { headers: { authorization: `Bearer ${TOKENS['tv-hall']}` } }))
        .status,
    ).toBe(403);

    // Back to the file: the edited rule is gone, its alert clears at once.
    expect(
      (await b.call('/api/rules?version=1', { method: 'DELETE', headers: { cookie: alice } }))
        .status,
    ).toBe(204);
    expect((await get()).source).toBe('file');
    await eventually(
      async () =>
        !((await b.call('/api/snapshot', { headers: h })).json() as Snapshot).alerts.some(
          (a) => a.rule === 'ui-break',
        ),
      8000,
      'the edited rule gone',
    );
  });
});
