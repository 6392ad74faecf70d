// Access control over real HTTP: the route table, displays, team leads' scope, sessions, origin, caps, revocation.
import { writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { hostname } from 'node:os';
import type { SessionReply, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES } from '../src/plugins/external/security';
import {
  assertNoSecrets,
  type AuthBuilt,
  buildWithAuth,
  eventually,
  LEAD_GROUP,
  METRICS_TOKEN,
  SseClient,
  TOKENS,
  USERS,
} from './support';

/** Routes that answer without a principal, on purpose. A new public route must be added here. */
const PUBLIC = new Set([
  'GET /healthz',
  'HEAD /healthz',
  'GET /readyz',
  'HEAD /readyz',
  'POST /api/auth/sign-in',
  'GET /wall',
  'HEAD /wall',
  // A named board's address (issue 13): the same shell and token exchange as /wall.
  'GET /wall/:board',
  'HEAD /wall/:board',
  'GET /*', // the built SPA and its assets (no data in them)
  'HEAD /*',
]);

async function ready(b: AuthBuilt): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && s.operators.length > 0 && s.groups.length > 1 ? s : undefined;
    },
    8000,
    'a snapshot with operators',
  );
}

function finish(b: AuthBuilt, extra: string[] = []) {
  assertNoSecrets([...b.seen, ...extra], b.files, 'a response');
  assertNoSecrets(b.logs.lines, b.files, 'a log line');
}

describe('access control', () => {
  it('every route of Fastify’s route table answers 401 without credentials, except the declared public ones', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const op = s.operators[0]?.id ?? 1001;
    const table = b.app.routeTable;
    expect(table.length).toBeGreaterThan(15);
    const publicSeen = new Set<string>();
    for (const r of table) {
      const path = r.url.replace(':id', String(op)).replace('*', 'index.html');
      const res = await b.call(path, { method: r.method });
      const key = `${r.method} ${r.url}`;
      if (r.access === 'public') {
        publicSeen.add(key);
        expect(PUBLIC.has(key), `${key} is public but not declared so`).toBe(true);
        expect(res.status, key).toBeLessThan(500);
        expect(res.status, key).not.toBe(401);
      } else {
        // /metrics is protected here by VIGIE_METRICS_TOKEN.
        expect(res.status, `${key} (${path}) without credentials`).toBe(401);
        if (r.method !== 'HEAD') expect(res.json()).toMatchObject({ statusCode: 401 });
      }
    }
    expect([...publicSeen].sort()).toEqual([...PUBLIC].sort());
    // Unknown /api paths need a principal too (no probing); other paths are the SPA shell.
    expect((await b.call('/api/nope')).status).toBe(401);
    expect((await b.call('/some/page')).status).toBe(200);
    // A forged or tampered cookie is no credential.
    const forged = await b.call('/api/snapshot', {
      headers: { cookie: 'vigie_session=eyJuYW1lIjoiYWxpY2UifQ.AAAA; vigie_display=x.y' },
    });
    expect(forged.status).toBe(401);
    // Metrics with its own token.
    const m = await b.call('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(m.status).toBe(200);
    const tvOnMetrics = await b.call('/metrics', {
      headers: { authorization: `Bearer ${TOKENS['tv-hall']}` },
    });
    expect(tvOnMetrics.status).toBe(401);
    await b.app.close();
    finish(b);
  });

  it('a screen exchanges /wall?token= for a cookie and sees the wall only: 403 on every drill-down', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const op = s.operators[0]?.id;
    const bad = await b.call('/wall?token=not-a-valid-token-at-all&lang=fr');
    expect(bad.status).toBe(302);
    expect(bad.headers.get('location')).toBe('/wall?auth=invalid-token');
    expect(bad.headers.get('set-cookie')).toBeNull();

    const ok = await b.call(`/wall?lang=fr&token=${TOKENS['tv-hall']}&groups=101`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/wall?lang=fr&groups=101');
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^vigie_display=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // plain http, no trusted proxy
    expect(setCookie).not.toContain(TOKENS['tv-hall']);
    const cookie = setCookie.split(';')[0] ?? '';

    const session = await b.call('/api/auth/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.json()).toEqual({
      principal: { kind: 'display', name: 'tv-hall', role: 'display', groups: null },
      auth: 'on',
      expiresAt: null,
    } satisfies SessionReply);
    expect((await b.call('/api/snapshot', { headers: { cookie } })).status).toBe(200);
    const bearer = { authorization: `Bearer ${TOKENS['tv-floor']}` };
    expect((await b.call('/api/snapshot', { headers: bearer })).status).toBe(200);
    const stream = new SseClient(`${b.base}/api/stream`, bearer);
    await stream.until(() => stream.snapshots.length > 0, 5000, 'a snapshot by Bearer');
    expect(stream.snapshots[0]?.operators.length).toBe(s.operators.length);
    stream.close();
    const wrongBearer = await b.call('/api/snapshot', {
      headers: { authorization: 'Bearer definitely-not-a-token' },
    });
    expect(wrongBearer.status).toBe(401);

    for (const path of [
      `/api/operators/${op}`,
      `/api/operators/${op}/history`,
      '/api/stats/numbers',
      `/api/stats/groups?group=${LEAD_GROUP}`,
      `/api/groups/${LEAD_GROUP}/trend`,
      `/api/groups/${LEAD_GROUP}/coverage`,
      '/api/alerts',
      '/api/directory',
      '/api/queues',
      '/api/activity',
      '/api/boards',
      '/api/boards/default',
      '/api/settings/export',
      '/api/ticker/messages',
      '/api/rules',
      '/api/screens',
    ]) {
      for (const headers of [{ cookie }, bearer]) {
        const res = await b.call(path, { headers });
        expect(res.status, `${path} as a display`).toBe(403);
        expect(res.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
    }
    // Issue 13: a display changes nothing (it reads GET /api/ticker and /api/alerts/acks only).
    for (const [method, path] of [
      ['POST', '/api/ticker'],
      ['PUT', '/api/ticker/t-abcdefgh'],
      ['DELETE', '/api/ticker/t-abcdefgh?version=1'],
      ['POST', '/api/alerts/any/ack'],
      ['DELETE', '/api/alerts/any/ack'],
      ['PUT', '/api/rules'],
      ['DELETE', '/api/rules?version=1'],
    ] as const) {
      const res = await b.call(path, {
        method,
        headers: { ...bearer, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, `${method} ${path} as a display`).toBe(403);
    }
    expect((await b.call('/api/ticker', { headers: bearer })).status).toBe(200);
    expect((await b.call('/api/alerts/acks', { headers: bearer })).status).toBe(200);
    await b.app.close();
    finish(
      b,
      stream.events.map((e) => e.data),
    );
  });

  it('a team lead never receives an operator or a group outside their groups', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const cookie = await b.signIn('bob');
    const headers = { cookie };
    const inScope = s.operators.find((o) => o.groups.includes(LEAD_GROUP));
    const outside = s.operators.find((o) => !o.groups.includes(LEAD_GROUP));
    const otherGroup = s.groups.find((g) => g.id !== LEAD_GROUP)?.id;
    expect(inScope && outside && otherGroup).toBeTruthy();

    const check = (snap: Snapshot) => {
      expect(snap.groups.map((g) => g.id)).toEqual([LEAD_GROUP]);
      expect(snap.operators.length).toBeGreaterThan(0);
      for (const o of snap.operators) expect(o.groups).toEqual([LEAD_GROUP]);
    };
    const snap = await b.call('/api/snapshot', { headers });
    expect(snap.status).toBe(200);
    check(snap.json() as Snapshot);

    const stream = new SseClient(`${b.base}/api/stream`, headers);
    await stream.until(() => stream.snapshots.length >= 3, 8000, 'three scoped snapshots');
    for (const x of stream.snapshots) check(x);
    // One serialisation per scope per seq: a second team-lead client gets the very same bytes.
    const again = new SseClient(`${b.base}/api/stream`, headers);
    await again.until(() => again.snapshots.length > 0, 5000, 'a snapshot');
    expect(b.app.sse.scoped.size).toBe(1);

    const detail = await b.call(`/api/operators/${inScope?.id}`, { headers });
    expect(detail.status).toBe(200);
    for (const g of (detail.json() as { groups: { id: number }[] }).groups)
      expect(g.id).toBe(LEAD_GROUP);
    expect((await b.call(`/api/operators/${outside?.id}`, { headers })).status).toBe(403);
    expect((await b.call(`/api/operators/${outside?.id}/history`, { headers })).status).toBe(403);
    expect((await b.call(`/api/groups/${otherGroup}/trend`, { headers })).status).toBe(403);
    expect((await b.call(`/api/groups/${LEAD_GROUP}/trend`, { headers })).status).toBe(200);
    expect(
      (await b.call(`/api/stats/groups?group=${LEAD_GROUP}&group=${otherGroup}`, { headers }))
        .status,
    ).toBe(403);
    const own = await b.call('/api/stats/groups', { headers });
    expect(own.status).toBe(200);
    expect((own.json() as { groups: number[] }).groups).toEqual([LEAD_GROUP]);
    expect((await b.call('/api/stats/numbers', { headers })).status).toBe(403);
    // Settings (issue 13): the audit and the export span every group; a board of others' groups.
    expect((await b.call('/api/activity', { headers })).status).toBe(403);
    expect((await b.call('/api/settings/export', { headers })).status).toBe(403);
    const json = { ...headers, 'content-type': 'application/json' };
    const board = (groups: number[]) =>
      JSON.stringify({
        name: 'Theirs',
        groups,
        panels: ['queues'],
        density: 'auto',
        rotationS: 20,
        theme: 'dark',
        loggedOut: 'count',
        sound: false,
      });
    for (const groups of [[otherGroup ?? 0], [LEAD_GROUP, otherGroup ?? 0], []])
      expect(
        (await b.call('/api/boards', { method: 'POST', headers: json, body: board(groups) }))
          .status,
        `a board of groups [${groups.join(', ')}]`,
      ).toBe(403);
    // Issue 13: a ticker on every board, an alert's ack and the rules are a supervisor's.
    const send = (method: string, path: string, body: unknown) =>
      b.call(path, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const soon = new Date(Date.now() + 60_000).toISOString();
    const tickerBody = { text: 'x', severity: 'info', expiresAt: soon, boards: [] };
    expect((await send('POST', '/api/ticker', tickerBody)).status).toBe(403);
    expect((await send('POST', '/api/alerts/any/ack', {})).status).toBe(403);
    expect((await send('PUT', '/api/rules', { version: null, rules: [] })).status).toBe(403);
    expect((await b.call('/api/rules', { headers })).status).toBe(403);
    // Screens are every group's: supervisors only (issue 13 §2).
    expect((await b.call('/api/screens', { headers })).status).toBe(403);
    const dir = (await b.call('/api/directory', { headers })).json() as {
      groups: { id: number }[];
      numbers: string[];
    };
    expect(dir.groups.map((g) => g.id)).toEqual([LEAD_GROUP]);
    expect(dir.numbers).toEqual([]);

    // A supervisor, meanwhile, sees everything.
    const alice = { cookie: await b.signIn('alice') };
    const full = (await b.call('/api/snapshot', { headers: alice })).json() as Snapshot;
    expect(full.groups.length).toBe(s.groups.length);
    expect((await b.call(`/api/operators/${outside?.id}`, { headers: alice })).status).toBe(200);
    stream.close();
    again.close();
    await b.app.close();
    finish(
      b,
      [...stream.events, ...again.events].map((e) => e.data),
    );
  });

  it('sessions: HttpOnly SameSite=Lax cookie, sign-out clears it, a removed user is refused at the next request, Secure behind a trusted https proxy', async () => {
    const b = await buildWithAuth({ env: { VIGIE_TRUST_PROXY: '127.0.0.1' } });
    await ready(b);
    const res = await b.call('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ name: 'alice', password: USERS.alice.password }),
    });
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^vigie_session=[^;]+;/);
    for (const attr of [/HttpOnly/, /SameSite=Lax/, /Path=\//, /Secure/, /Max-Age=43200/])
      expect(set).toMatch(attr);
    const body = res.json() as SessionReply;
    expect(body.principal).toEqual({
      kind: 'user',
      name: 'alice',
      role: 'supervisor',
      groups: null,
    });
    expect(body.auth).toBe('on');
    expect(Date.parse(body.expiresAt ?? '') - Date.now()).toBeGreaterThan(11 * 3_600_000);

    const bob = await b.signIn('bob');
    const bobSession = (await b.call('/api/auth/session', { headers: { cookie: bob } })).json();
    expect(bobSession).toMatchObject({
      principal: { name: 'bob', role: 'teamlead', groups: [LEAD_GROUP] },
    });
    const out = await b.call('/api/auth/sign-out', { method: 'POST', headers: { cookie: bob } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/vigie_session=;.*Expires=Thu, 01 Jan 1970/);
    // The signed-out cookie is refused even if a copy was kept; bob signs in again.
    expect((await b.call('/api/snapshot', { headers: { cookie: bob } })).status).toBe(401);
    const bobAgain = await b.signIn('bob');

    // alice is removed from the file: her cookie is refused at once, her stream ends.
    const alice = set.split(';')[0] ?? '';
    const stream = new SseClient(`${b.base}/api/stream`, { cookie: alice });
    await stream.until(() => stream.snapshots.length > 0, 5000, 'a snapshot');
    await b.files.writeUsers(['bob']);
    b.app.auth.reload('test');
    await stream.until(() => stream.ended, 3000, 'the revoked stream to end');
    expect((await b.call('/api/snapshot', { headers: { cookie: alice } })).status).toBe(401);
    expect((await b.call('/api/snapshot', { headers: { cookie: bobAgain } })).status).toBe(200);
    await b.app.close();
    finish(
      b,
      stream.events.map((e) => e.data),
    );
  });

  it('sign-in and sign-out refuse a foreign Origin (403) and accept their own or an allowed one', async () => {
    const b = await buildWithAuth({ env: { VIGIE_ALLOWED_ORIGINS: 'https://portal.example' } });
    const body = JSON.stringify({ name: 'alice', password: USERS.alice.password });
    const post = (origin: Record<string, string>) =>
      b.call('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...origin },
        body,
      });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ referer: 'https://evil.example/x' })).status).toBe(403);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ origin: b.base })).status).toBe(200);
    expect((await post({ origin: 'https://portal.example' })).status).toBe(200);
    const cookie = await b.signIn('alice');
    const out = await b.call('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(out.status).toBe(403);
    await b.app.close();
    finish(b);
  });

  it('revoking a display token by a reload closes its open stream; the file watcher reloads by itself', async () => {
    const b = await buildWithAuth();
    await ready(b);
    const hall = new SseClient(`${b.base}/api/stream`, {
      authorization: `Bearer ${TOKENS['tv-hall']}`,
    });
    const floor = new SseClient(`${b.base}/api/stream`, {
      authorization: `Bearer ${TOKENS['tv-floor']}`,
    });
    await hall.until(() => hall.snapshots.length > 0, 5000, 'hall snapshot');
    await floor.until(() => floor.snapshots.length > 0, 5000, 'floor snapshot');
    b.files.writeTokens({ 'tv-floor': TOKENS['tv-floor'] });
    b.app.auth.reload('SIGHUP');
    await hall.until(() => hall.ended, 3000, 'the revoked stream to end');
    expect(floor.ended).toBe(false);
    const again = await b.call('/api/snapshot', {
      headers: { authorization: `Bearer ${TOKENS['tv-hall']}` },
    });
    expect(again.status).toBe(401);
    // The users file changes on disk: the watcher reloads, bob's stream ends without a signal.
    const bobStream = new SseClient(`${b.base}/api/stream`, { cookie: await b.signIn('bob') });
    await bobStream.until(() => bobStream.snapshots.length > 0, 5000, 'bob snapshot');
    await b.files.writeUsers(['alice']);
    await bobStream.until(() => bobStream.ended, 5000, 'the watcher to revoke bob');
    // A broken file is refused and the previous users stay.
    writeFileSync(b.files.usersFile, '{ users: [ { name: "x" } ] }');
    expect(b.app.auth.reload('test')).toBe(false);
    await b.signIn('alice');
    floor.close();
    await b.app.close();
    finish(b);
  });

  it('caps open streams per principal and per address (429)', async () => {
    const b = await buildWithAuth({
      env: { VIGIE_MAX_STREAMS_PER_PRINCIPAL: '2', VIGIE_MAX_STREAMS_PER_IP: '3' },
    });
    await ready(b);
    const cookie = await b.signIn('alice');
    const open = [1, 2].map(() => new SseClient(`${b.base}/api/stream`, { cookie }));
    for (const c of open) await c.until(() => c.res !== null, 3000, 'a stream');
    const third = await b.call('/api/stream', { headers: { cookie } });
    expect(third.status).toBe(429);
    const tv = new SseClient(`${b.base}/api/stream`, {
      authorization: `Bearer ${TOKENS['tv-hall']}`,
    });
    await tv.until(() => tv.res !== null, 3000, 'a stream');
    const overAddress = await b.call('/api/stream', {
      headers: { authorization: `Bearer ${TOKENS['tv-floor']}` },
    });
    expect(overAddress.status).toBe(429);
    for (const c of [...open, tv]) c.close();
    await b.app.close();
    finish(b);
  });

  it('serves the SPA shell with a strict CSP and security headers', async () => {
    const b = await buildWithAuth();
    const res = await b.call('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ])
      expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-inline');
    expect(Object.keys(CSP_DIRECTIVES)).toContain('styleSrc');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Bodies over 16 KiB are refused before parsing.
    const big = await b.call('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password: 'x'.repeat(20_000) }),
    });
    expect(big.status).toBe(413);
    await b.app.close();
    finish(b);
  });

  it('an unparsable URL (/%ff) gets a 400 with the same security headers and error shape as every other 4xx', async () => {
    const b = await buildWithAuth();
    /** node:http sends the path byte for byte (fetch might normalise it). */
    const raw = (path: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((ok, fail) => {
        const req = request(`${b.base}${path}`, { agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', fail);
        req.end();
      });
    const SECURITY = [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ];
    const other = await raw('/api/snapshot'); // a 401: the shape and headers every error has
    expect(other.status).toBe(401);
    for (const path of ['/%ff', '/api/%ff', '/api/operators/%ff', '/wall%ff?token=x']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(res.body) as Record<string, unknown>;
      expect(Object.keys(body).sort(), path).toEqual(
        Object.keys(JSON.parse(other.body) as object).sort(),
      );
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(body['message']).toMatch(/URL/);
      for (const h of SECURITY) expect(res.headers[h], `${path} ${h}`).toBe(other.headers[h]);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await b.app.close();
    finish(b);
  });

  it('DNS rebinding: with VIGIE_PUBLIC_URL or allowed origins set, a state-changing request naming another Host is refused even when Origin matches it', async () => {
    /** node:http, so the Host header is sent as given (as a rebound name would make a browser do). */
    const send = (b: AuthBuilt, method: string, path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((ok, fail) => {
        const req = request(`${b.base}${path}`, { method, headers, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', fail);
        req.end(method === 'POST' && path.endsWith('sign-in') ? signInBody : undefined);
      });
    const signInBody = JSON.stringify({ name: 'alice', password: USERS.alice.password });
    const json = { 'content-type': 'application/json' };
    const rebound = { host: 'rebind.evil.example', origin: 'http://rebind.evil.example' };

    const pub = await buildWithAuth({ env: { VIGIE_PUBLIC_URL: 'https://wall.example.com' } });
    const refused = await send(pub, 'POST', '/api/auth/sign-in', { ...json, ...rebound });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(JSON.parse(refused.body).message).toMatch(/Host/);
    const signOut = await send(pub, 'POST', '/api/auth/sign-out', rebound);
    expect(signOut.status).toBe(403);
    // The board's own name passes, with its https Origin (TLS ends at the proxy) or none.
    const own = { host: 'wall.example.com', origin: 'https://wall.example.com' };
    expect((await send(pub, 'POST', '/api/auth/sign-in', { ...json, ...own })).status).toBe(200);
    expect(
      (await send(pub, 'POST', '/api/auth/sign-in', { ...json, host: 'WALL.example.com:443' }))
        .status,
    ).toBe(200);
    // Reads are not state-changing: a health probe on another name still answers.
    expect((await send(pub, 'GET', '/healthz', { host: 'localhost:8080' })).status).toBe(200);
    await pub.app.close();
    finish(pub);

    const portal = await buildWithAuth({
      env: { VIGIE_ALLOWED_ORIGINS: 'https://portal.example' },
    });
    expect((await send(portal, 'POST', '/api/auth/sign-in', { ...json, ...rebound })).status).toBe(
      403,
    );
    // An address as Host cannot be a rebound name: the board reached by its IP still signs in.
    expect((await send(portal, 'POST', '/api/auth/sign-in', json)).status).toBe(200);
    const viaPortal = { host: 'portal.example', origin: 'https://portal.example' };
    expect(
      (await send(portal, 'POST', '/api/auth/sign-in', { ...json, ...viaPortal })).status,
    ).toBe(200);
    await portal.app.close();
    finish(portal);

    // Neither set: today's behaviour (Origin against the request's own Host).
    const open = await buildWithAuth();
    expect((await send(open, 'POST', '/api/auth/sign-in', { ...json, ...rebound })).status).toBe(
      200,
    );
    await open.app.close();
    finish(open);
  });

  it('a screen sees a neutral instanceId ("board"), never the host name or pid; a supervisor keeps the real one', async () => {
    const b = await buildWithAuth();
    await ready(b);
    const real = b.config.cluster.instanceId;
    expect(real).toContain(String(process.pid));
    const bearer = { authorization: `Bearer ${TOKENS['tv-hall']}` };
    const shown = (text: string) => JSON.parse(text) as Snapshot;
    const tvRest = await b.call('/api/snapshot', { headers: bearer });
    expect(shown(tvRest.body).cluster.instanceId).toBe('board');
    const stream = new SseClient(`${b.base}/api/stream?patch=1`, bearer);
    await stream.until(
      () => stream.events.filter((e) => e.event === 'snapshot' || e.event === 'patch').length >= 2,
      8000,
      'a snapshot and the next event',
    );
    expect(stream.snapshots[0]?.cluster).toMatchObject({ instanceId: 'board' });
    for (const text of [tvRest.body, ...stream.events.map((e) => e.data)]) {
      expect(text).not.toContain(`${hostname()}-`);
      expect(text).not.toContain(real);
    }
    const alice = await b.signIn('alice');
    const supervisor = await b.call('/api/snapshot', { headers: { cookie: alice } });
    expect(shown(supervisor.body).cluster.instanceId).toBe(real);
    stream.close();
    await b.app.close();
    finish(b);
  });
});
