// Screens made in the browser (issue 13 §2) over real HTTP: create, the token on /wall?token= and
// Bearer, presence from the streams, revocation, file screens read-only, access, validation, 409s,
// and no token or hash anywhere it should not be.
import type { Screen, ScreenCreatedReply, ScreenListReply } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { tokenHashOf } from '../src/settings/screens';
import {
  assertNoSecrets,
  type AuthBuilt,
  buildWithAuth,
  eventually,
  SseClient,
  TOKENS,
} from './support';

const json = { 'content-type': 'application/json' };

async function supervisor(b: AuthBuilt) {
  const cookie = await b.signIn('alice');
  const call = (path: string, method = 'GET', body?: unknown) =>
    b.call(path, {
      method,
      headers: { cookie, ...(body === undefined ? {} : json) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const list = async () => {
    const res = await call('/api/screens');
    expect(res.status, res.body).toBe(200);
    return (res.json() as ScreenListReply).screens;
  };
  const create = async (name: string, board?: string | null) => {
    const res = await call(
      '/api/screens',
      'POST',
      board === undefined ? { name } : { name, board },
    );
    expect(res.status, res.body).toBe(201);
    return res.json() as ScreenCreatedReply;
  };
  return { cookie, call, list, create };
}

/** The cookie a TV gets from the /wall?token= exchange. */
async function exchange(b: AuthBuilt, token: string): Promise<string> {
  const res = await b.call(`/wall?token=${encodeURIComponent(token)}`);
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/wall');
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** No token or stored hash of these screens in any response seen or log line. */
function noScreenSecrets(b: AuthBuilt, tokens: string[], except: string[]) {
  const secrets = tokens.flatMap((t) => [t, tokenHashOf(t)]);
  const replies = b.seen.filter((t) => !except.includes(t));
  for (const [what, texts] of [
    ['a reply', replies],
    ['a log line', b.logs.lines],
  ] as const)
    for (const t of texts)
      for (const s of secrets)
        if (t.includes(s)) throw new Error(`${what} carries a screen secret: ${t.slice(0, 200)}`);
  assertNoSecrets(b.logs.lines, b.files, 'a log line');
}

describe('screens', () => {
  it('a created screen’s token works once shown: /wall?token= and Bearer; listed online while it streams, last seen after', async () => {
    const b = await buildWithAuth({ env: { LOG_LEVEL: 'trace' } });
    const s = await supervisor(b);
    const created = await s.create('Hall d’accueil 2');
    expect(created.screen).toMatchObject({
      id: 'hall-d-accueil-2',
      name: 'Hall d’accueil 2',
      board: null,
      source: 'ui',
      online: false,
      lastSeenAt: null,
      version: 1,
      updatedBy: 'alice',
    });
    expect(Buffer.from(created.token, 'base64url').length).toBeGreaterThanOrEqual(24);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(created.link).toBe(`${b.base}/wall?token=${created.token}`);
    const createdBody = b.seen.find((t) => t.includes(created.token)) ?? '';

    // The stored document holds the hash, never the token.
    const doc = await b.app.history.settings.get('screen', created.screen.id);
    expect(doc?.value).toEqual({
      name: 'Hall d’accueil 2',
      board: null,
      tokenHash: tokenHashOf(created.token),
    });
    expect(JSON.stringify(doc)).not.toContain(created.token);

    const cookie = await exchange(b, created.token);
    const session = await b.call('/api/auth/session', { headers: { cookie } });
    expect(session.json()).toMatchObject({
      principal: { kind: 'display', name: created.screen.id, role: 'display' },
    });
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await b.call('/api/snapshot', { headers: bearer })).status).toBe(200);
    expect((await b.call('/api/screens', { headers: bearer })).status).toBe(403);
    expect((await b.call('/api/screens', { headers: { cookie } })).status).toBe(403);

    const stream = new SseClient(`${b.base}/api/stream`, { cookie });
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a snapshot for the screen');
    const online = (await s.list()).find((x) => x.id === created.screen.id);
    expect(online).toMatchObject({ online: true, lastAddress: '127.0.0.1' });
    expect(Date.parse(online?.lastSeenAt ?? '')).toBeGreaterThan(Date.now() - 5000);
    stream.close();
    const gone = await eventually(
      async () => {
        const x = (await s.list()).find((y) => y.id === created.screen.id);
        return x && !x.online ? x : undefined;
      },
      5000,
      'the screen offline after its stream closed',
    );
    expect(gone.lastSeenAt).not.toBeNull();
    expect(gone.lastAddress).toBe('127.0.0.1');

    // Every list reply and log line (trace level: every request) stays free of the token and its hash.
    expect(b.logs.lines.some((l) => l.includes('/wall?token='))).toBe(true);
    noScreenSecrets(b, [created.token], [createdBody]);
    expect(JSON.stringify(await b.app.history.settings.audit({ limit: 10 }))).not.toContain(
      tokenHashOf(created.token),
    );
  });

  it('revoking a screen ends its open stream within a second; its token and cookie then get 401', async () => {
    const b = await buildWithAuth({ env: { LOG_LEVEL: 'trace' } });
    const s = await supervisor(b);
    const created = await s.create('TV revoked');
    const cookie = await exchange(b, created.token);
    const stream = new SseClient(`${b.base}/api/stream`, { cookie });
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a snapshot');

    const stale = await s.call(`/api/screens/${created.screen.id}?version=7`, 'DELETE');
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ statusCode: 409, field: 'version' });
    expect(stream.ended).toBe(false);

    const t0 = Date.now();
    const del = await s.call(`/api/screens/${created.screen.id}?version=1`, 'DELETE');
    expect(del.status, del.body).toBe(204);
    await stream.until(() => stream.ended, 1000, 'the revoked stream to end');
    expect(Date.now() - t0).toBeLessThan(1000);

    expect((await b.call('/api/snapshot', { headers: { cookie } })).status).toBe(401);
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await b.call('/api/snapshot', { headers: bearer })).status).toBe(401);
    const again = await b.call(`/wall?token=${created.token}`);
    expect(again.headers.get('location')).toBe('/wall?auth=invalid-token');
    expect((await s.list()).some((x) => x.id === created.screen.id)).toBe(false);
    // The audit of the create and the delete names the screen, never its hash.
    const audit = await b.app.history.settings.audit({ limit: 50, kind: 'screen' });
    expect(audit.map((e) => e.action)).toEqual(['delete', 'create']);
    expect(audit[0]?.before).toEqual({ name: 'TV revoked', board: null });
    expect(JSON.stringify(audit)).not.toContain(tokenHashOf(created.token));
    noScreenSecrets(b, [created.token], [b.seen.find((t) => t.includes(created.token)) ?? '']);
  });

  it('file screens are listed read-only and keep working; PUT and DELETE on them say where they come from', async () => {
    const b = await buildWithAuth();
    const s = await supervisor(b);
    const screens = await s.list();
    const hall = screens.find((x) => x.id === 'tv-hall');
    expect(hall).toMatchObject({
      name: 'tv-hall',
      source: 'file',
      version: null,
      origin: 'VIGIE_DISPLAY_TOKENS_FILE',
    } satisfies Partial<Screen>);
    expect(screens.filter((x) => x.source === 'file').map((x) => x.id)).toEqual([
      'tv-floor',
      'tv-hall',
    ]);
    const put = await s.call('/api/screens/tv-hall', 'PUT', { name: 'x', version: 1 });
    expect(put.status).toBe(400);
    expect(put.json()).toMatchObject({ field: 'id' });
    expect((put.json() as { message: string }).message).toMatch(
      /read-only.*VIGIE_DISPLAY_TOKENS_FILE|VIGIE_DISPLAY_TOKENS_FILE.*read-only/,
    );
    const del = await s.call('/api/screens/tv-hall?version=1', 'DELETE');
    expect(del.status).toBe(400);
    expect(del.json()).toMatchObject({ field: 'id' });
    // Still working, and a UI screen cannot take a file screen's name as its id.
    const cookie = await exchange(b, TOKENS['tv-hall']);
    expect((await b.call('/api/snapshot', { headers: { cookie } })).status).toBe(200);
    const twin = await s.create('tv-hall');
    expect(twin.screen.id).toBe('tv-hall-2');
    expect(JSON.stringify(screens)).not.toContain(TOKENS['tv-hall']);
    assertNoSecrets(
      b.seen.filter((t) => !t.includes(twin.token)),
      b.files,
      'a response',
    );
  });

  it('rename and assign a board with the version read; a stale version is 409; bad input is 400 naming the field', async () => {
    const b = await buildWithAuth();
    const s = await supervisor(b);
    const created = await s.create('Open space', 'default');
    expect(created.screen.board).toBeNull();
    const id = created.screen.id;

    const renamed = await s.call(`/api/screens/${id}`, 'PUT', { name: 'Plateau', version: 1 });
    expect(renamed.status, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id, name: 'Plateau', version: 2, board: null });
    const stale = await s.call(`/api/screens/${id}`, 'PUT', { name: 'Again', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version' });

    // A stored board may be assigned; the wall reads it by the screen's id.
    await b.app.history.settings.write(
      [{ kind: 'board', id: 'sales', value: { name: 'Sales' }, expected: null }],
      'test',
      Date.now(),
    );
    const assigned = await s.call(`/api/screens/${id}`, 'PUT', { board: 'sales', version: 2 });
    expect(assigned.json()).toMatchObject({ board: 'sales', version: 3, name: 'Plateau' });
    expect((await b.app.history.settings.get('screen', id))?.value).toMatchObject({
      board: 'sales',
    });

    const cases: [string, string, unknown, string][] = [
      ['/api/screens', 'POST', { name: 'TV', board: 'nowhere' }, 'board'],
      ['/api/screens', 'POST', { name: '' }, 'name'],
      ['/api/screens', 'POST', { name: '   ' }, 'name'],
      ['/api/screens', 'POST', { name: 'x'.repeat(81) }, 'name'],
      ['/api/screens', 'POST', {}, 'name'],
      ['/api/screens', 'POST', { name: 'TV', board: 'Not A Slug' }, 'board'],
      [`/api/screens/${id}`, 'PUT', { board: 'nowhere', version: 3 }, 'board'],
      [`/api/screens/${id}`, 'PUT', { name: 'TV' }, 'version'],
      [`/api/screens/${id}`, 'PUT', { name: 'TV', version: 0 }, 'version'],
      [`/api/screens/${id}`, 'DELETE', undefined, 'version'],
    ];
    for (const [path, method, body, field] of cases) {
      const res = await s.call(path, method, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(
        JSON.stringify(res.json()),
        `${method} ${path} ${JSON.stringify(body)} names ${field}`,
      ).toContain(field);
    }
    expect((await s.call('/api/screens/nobody', 'PUT', { name: 'x', version: 1 })).status).toBe(
      404,
    );
    expect((await b.app.history.settings.get('screen', id))?.version).toBe(3);
  });

  it('team leads and displays get 403 on every screens route', async () => {
    const b = await buildWithAuth();
    const s = await supervisor(b);
    const created = await s.create('TV lead');
    const lead = { cookie: await b.signIn('bob') };
    const tv = { authorization: `Bearer ${TOKENS['tv-floor']}` };
    for (const headers of [lead, tv]) {
      for (const [path, method, body] of [
        ['/api/screens', 'GET', undefined],
        ['/api/screens', 'POST', { name: 'sneaky' }],
        [`/api/screens/${created.screen.id}`, 'PUT', { name: 'sneaky', version: 1 }],
        [`/api/screens/${created.screen.id}?version=1`, 'DELETE', undefined],
      ] as const) {
        const res = await b.call(path, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : json) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    }
    expect((await s.list()).find((x) => x.id === created.screen.id)?.name).toBe('TV lead');
  });
});
