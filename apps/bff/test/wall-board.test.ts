// GET /api/wall/board over HTTP on the simulator: the default board built from today's settings,
// a named board, a screen's assignment followed without a reload, and the checks of each role.
import type { WallBoardReply } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { buildWithAuth, LEAD_GROUP, SseClient, TOKENS } from './support';

const FIELDS = {
  name: 'Support floor',
  groups: [LEAD_GROUP, LEAD_GROUP + 1],
  panels: ['queues', 'operators', 'clock'],
  density: 'large',
  rotationS: 30,
  theme: 'light',
  loggedOut: 'show',
  sound: true,
};
const json = { 'content-type': 'application/json' };

describe('GET /api/wall/board', () => {
  it('serves the default, a named board, a screen’s assignment; 404, 400, 403 and 409 where due', async () => {
    const b = await buildWithAuth();
    const alice = { cookie: await b.signIn('alice') };
    const bob = { cookie: await b.signIn('bob') };
    const tv = { authorization: `Bearer ${TOKENS['tv-hall']}` };

    // Nothing stored: the default, from today's settings, stamped by nobody.
    const dflt = await b.call('/api/wall/board', { headers: alice });
    expect(dflt.status, dflt.body).toBe(200);
    expect(dflt.json()).toEqual({
      id: 'default',
      name: 'Default',
      groups: [],
      panels: ['clock', 'kpis', 'alerts', 'queues', 'operators', 'staffing', 'ticker'],
      density: 'auto',
      rotationS: 20,
      theme: 'dark',
      loggedOut: 'count',
      sound: false,
      version: null,
      updatedAt: null,
      updatedBy: null,
      source: 'default',
      ticker: [],
    } satisfies WallBoardReply);

    const missing = await b.call('/api/wall/board?board=support', { headers: alice });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ message: 'no board "support"' });
    const bad = await b.call('/api/wall/board?board=Not%20A%20Slug', { headers: alice });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('board');

    // Displays and team leads outside their groups store nothing.
    const body = JSON.stringify({ id: 'support', ...FIELDS });
    for (const headers of [tv, bob]) {
      const refused = await b.call('/api/boards', {
        method: 'POST',
        headers: { ...headers, ...json },
        body,
      });
      expect(refused.status, refused.body).toBe(403);
    }
    const created = await b.call('/api/boards', {
      method: 'POST',
      headers: { ...alice, ...json },
      body,
    });
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'support', version: 1, updatedBy: 'alice' });
    const again = await b.call('/api/boards', {
      method: 'POST',
      headers: { ...alice, ...json },
      body,
    });
    expect(again.status).toBe(409);

    const named = (await b.call('/api/wall/board?board=support', { headers: tv })).json();
    expect(named).toMatchObject({ ...FIELDS, id: 'support', version: 1, source: 'named' });
    // A team lead reads no board that shows another team's group.
    expect((await b.call('/api/wall/board?board=support', { headers: bob })).status).toBe(403);

    // A screen assigned to it gets it without naming it, and hears the change on its stream.
    const stream = new SseClient(`${b.base}/api/stream`, tv);
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a snapshot');
    await b.app.history.settings.write(
      [
        {
          kind: 'screen',
          id: 'tv-hall',
          value: { name: 'tv-hall', board: 'support' },
          expected: null,
        },
      ],
      'alice',
      Date.now(),
    );
    await stream.until(
      () => stream.events.some((e) => e.event === 'settings' && e.data.includes('screen')),
      5000,
      'a settings event naming screens',
    );
    const assigned = await b.call('/api/wall/board', { headers: tv });
    expect(assigned.json()).toMatchObject({ id: 'support', source: 'screen', density: 'large' });
    // Others still get the default.
    expect((await b.call('/api/wall/board', { headers: alice })).json()).toMatchObject({
      id: 'default',
      source: 'default',
    });

    // An edit at a stale version changes nothing.
    const update = (version: number) =>
      b.call('/api/boards/support', {
        method: 'PUT',
        headers: { ...alice, ...json },
        body: JSON.stringify({ ...FIELDS, density: 'compact', version }),
      });
    expect((await update(1)).status).toBe(200);
    const stale = await update(1);
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version' });
    expect((await b.call('/api/wall/board', { headers: tv })).json()).toMatchObject({
      density: 'compact',
      version: 2,
    });
    const badDensity = await b.call('/api/boards/support', {
      method: 'PUT',
      headers: { ...alice, ...json },
      body: JSON.stringify({ ...FIELDS, density: 'huge', version: 2 }),
    });
    expect(badDensity.status).toBe(400);
    expect(badDensity.body).toContain('density');
  });

  it('exchanges /wall/<board>?token= for the screen’s cookie and comes back to that board', async () => {
    const b = await buildWithAuth();
    const ok = await b.call(`/wall/support-floor?lang=fr&token=${TOKENS['tv-hall']}`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/wall/support-floor?lang=fr');
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).not.toBe('');
    expect((await b.call('/api/wall/board', { headers: { cookie } })).status).toBe(200);
    const refused = await b.call('/wall/support-floor?token=not-a-valid-token-at-all');
    expect(refused.headers.get('location')).toBe('/wall/support-floor?auth=invalid-token');
    // Whatever the address holds, the redirect stays on this wall.
    const odd = await b.call(`/wall/%2F%2Fevil.example?token=${TOKENS['tv-hall']}`);
    expect(odd.headers.get('location')).toBe('/wall/%2F%2Fevil.example');
    // Without a token: the SPA shell, which says what it cannot show.
    const shell = await b.call('/wall/support-floor');
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toContain('text/html');
  });
});
