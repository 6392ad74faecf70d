// Issue 13 §4 over real HTTP: a ticker message posted reaches open streams as a `settings` event
// within a second, shows on the walls it names until its expiry, and every refusal names its field.
import type { TickerListReply, TickerMessage, TickerWallReply } from '@vigie/contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accountEnv,
  buildWithAuth,
  eventually,
  LEAD_GROUP,
  simulator,
  SseClient,
  startFresh,
  TOKENS,
  sleep,
} from './support';

const json = { 'content-type': 'application/json' };
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the message ticker', () => {
  it('posts a message that every stream hears of within a second and every wall shows until it expires', async () => {
    const b = await buildWithAuth();
    const alice = await b.signIn('alice');
    const tv = { authorization: `Bearer ${TOKENS['tv-hall']}` };
    const stream = new SseClient(`${b.base}/api/stream`, tv);
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a first snapshot');

    const t0 = Date.now();
    const res = await b.call('/api/ticker', {
      method: 'POST',
      headers: { ...json, cookie: alice },
      body: JSON.stringify({
        text: 'Coupure réseau à 14 h',
        severity: 'warning',
        expiresAt: inMs(2500),
        boards: [],
      }),
    });
    expect(res.status, res.body).toBe(201);
    const answered = Date.now();
    const posted = res.json() as TickerMessage;
    expect(posted).toMatchObject({ postedBy: 'alice', updatedBy: 'alice', version: 1 });
    await stream.until(
      () => stream.events.some((e) => e.event === 'settings' && e.data.includes('"ticker"')),
      1000,
      'the settings event',
    );
    // The write is done before the reply; the event must follow within a second (the POST's own
    // time, on a loaded machine, is the message's).
    expect(Date.now() - answered, `POST took ${answered - t0} ms`).toBeLessThan(1000);

    // The display reads its wall's messages (no author: a wall needs none).
    const wall = (
      await b.call('/api/ticker?board=default', { headers: tv })
    ).json() as TickerWallReply;
    expect(wall.messages).toEqual([
      {
        id: posted.id,
        text: 'Coupure réseau à 14 h',
        severity: 'warning',
        expiresAt: posted.expiresAt,
      },
    ]);
    // People see who posted; a display may not read the list.
    const list = (
      await b.call('/api/ticker/messages', { headers: { cookie: alice } })
    ).json() as TickerListReply;
    expect(list.messages.map((m) => [m.id, m.postedBy])).toEqual([[posted.id, 'alice']]);
    expect((await b.call('/api/ticker/messages', { headers: tv })).status).toBe(403);

    // Expired: off the wall, still in the list of past messages.
    await sleep(Math.max(0, Date.parse(posted.expiresAt) - Date.now()) + 50);
    const after = (await b.call('/api/ticker', { headers: tv })).json() as TickerWallReply;
    expect(after.messages).toEqual([]);
    const past = (
      await b.call('/api/ticker/messages', { headers: { cookie: alice } })
    ).json() as TickerListReply;
    expect(past.messages.map((m) => m.id)).toEqual([posted.id]);
  });

  it('edits and ends a message with its version, 409 on a stale one, and deletes it', async () => {
    const b = await buildWithAuth();
    const alice = await b.signIn('alice');
    const h = { ...json, cookie: alice };
    const posted = (
      await b.call('/api/ticker', {
        method: 'POST',
        headers: h,
        body: JSON.stringify({
          text: 'Réunion',
          severity: 'info',
          expiresAt: inMs(3600_000),
          boards: ['default'],
        }),
      })
    ).json() as TickerMessage;
    const put = (body: unknown) =>
      b.call(`/api/ticker/${posted.id}`, { method: 'PUT', headers: h, body: JSON.stringify(body) });

    const edited = await put({ version: 1, text: 'Réunion à 15 h' });
    expect(edited.status, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ text: 'Réunion à 15 h', version: 2, postedBy: 'alice' });
    const stale = await put({ version: 1, text: 'lost' });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version' });
    expect(
      ((await b.call('/api/ticker', { headers: h })).json() as TickerWallReply).messages,
    ).toHaveLength(1);

    const ended = await put({ version: 2, end: true });
    expect(ended.status, ended.body).toBe(200);
    expect(Date.parse((ended.json() as TickerMessage).expiresAt)).toBeLessThanOrEqual(Date.now());
    expect(
      ((await b.call('/api/ticker', { headers: h })).json() as TickerWallReply).messages,
    ).toEqual([]);

    const staleDelete = await b.call(`/api/ticker/${posted.id}?version=2`, {
      method: 'DELETE',
      headers: { cookie: alice },
    });
    expect(staleDelete.status, staleDelete.body).toBe(409);
    const del = { method: 'DELETE', headers: { cookie: alice } };
    expect((await b.call(`/api/ticker/${posted.id}?version=3`, del)).status).toBe(204);
    expect((await b.call(`/api/ticker/${posted.id}?version=3`, del)).status).toBe(404);
    const audit = (await b.call('/api/activity?kind=ticker', { headers: h })).json() as {
      entries: { action: string; actor: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual(['delete', 'update', 'update', 'create']);
  });

  it('refuses a bad message naming the field', async () => {
    const b = await buildWithAuth();
    const alice = await b.signIn('alice');
    const post = async (body: Record<string, unknown>) => {
      const res = await b.call('/api/ticker', {
        method: 'POST',
        headers: { ...json, cookie: alice },
        body: JSON.stringify({
          text: 'x',
          severity: 'info',
          expiresAt: inMs(60_000),
          boards: [],
          ...body,
        }),
      });
      return { status: res.status, field: (res.json() as { field?: string }).field };
    };
    expect(await post({ text: '' })).toEqual({ status: 400, field: 'text' });
    expect(await post({ text: 'x'.repeat(281) })).toEqual({ status: 400, field: 'text' });
    expect(await post({ severity: 'critical' })).toEqual({ status: 400, field: 'severity' });
    expect(await post({ expiresAt: inMs(-1000) })).toEqual({ status: 400, field: 'expiresAt' });
    expect(await post({ expiresAt: inMs(8 * 24 * 3600_000) })).toEqual({
      status: 400,
      field: 'expiresAt',
    });
    expect(await post({ expiresAt: 'tomorrow' })).toEqual({ status: 400, field: 'expiresAt' });
    expect(await post({ boards: ['Not A Board'] })).toEqual({ status: 400, field: 'boards' });
    expect(await post({ boards: ['nowhere'] })).toEqual({ status: 400, field: 'boards[0]' });
    expect(await post({ colour: 'red' })).toEqual({ status: 201, field: undefined });
  });

  it('lets a team lead post only on boards of their own groups, and a display nothing', async () => {
    const b = await buildWithAuth();
    const bob = await b.signIn('bob');
    const alice = await b.signIn('alice');
    // Boards as the boards part stores them (kind `board`).
    const board = (id: string, groups: number[]) => ({
      kind: 'board' as const,
      id,
      expected: null,
      value: {
        name: id,
        groups,
        panels: ['queues', 'ticker'],
        density: 'auto',
        rotationS: 0,
        theme: 'dark',
        loggedOut: 'count',
        sound: true,
      },
    });
    await b.app.history.settings.write(
      [board('team', [LEAD_GROUP]), board('other', [LEAD_GROUP + 1]), board('all', [])],
      'test',
      Date.now(),
    );
    const post = (cookie: string, boards: string[]) =>
      b.call('/api/ticker', {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({ text: 'Pause', severity: 'info', expiresAt: inMs(60_000), boards }),
      });
    const mine = await post(bob, ['team']);
    expect(mine.status, mine.body).toBe(201);
    expect((mine.json() as TickerMessage).postedBy).toBe('bob');
    expect((await post(bob, ['team', 'other'])).status).toBe(403);
    expect((await post(bob, ['all'])).status).toBe(403);
    expect((await post(bob, [])).status).toBe(403);
    expect((await post(bob, ['default'])).status).toBe(403);
    const everywhere = (await post(alice, [])).json() as TickerMessage;
    // Bob may not end alice's message for every board.
    const end = await b.call(`/api/ticker/${everywhere.id}`, {
      method: 'PUT',
      headers: { ...json, cookie: bob },
      body: JSON.stringify({ version: 1, end: true }),
    });
    expect(end.status).toBe(403);

    const tv = { authorization: `Bearer ${TOKENS['tv-floor']}`, ...json };
    expect(
      (await b.call('/api/ticker', { method: 'POST', headers: tv, body: JSON.stringify({}) }))
        .status,
    ).toBe(403);
    // The team board's wall shows both its own and the every-board message; another board only the latter.
    const onTeam = (
      await b.call('/api/ticker?board=team', { headers: tv })
    ).json() as TickerWallReply;
    expect(onTeam.messages.map((m) => m.id).sort()).toEqual(
      [(mine.json() as TickerMessage).id, everywhere.id].sort(),
    );
    const onOther = (
      await b.call('/api/ticker?board=other', { headers: tv })
    ).json() as TickerWallReply;
    expect(onOther.messages.map((m) => m.id)).toEqual([everywhere.id]);
  });

  it('a message expired more than VIGIE_RETENTION_DAYS ago is removed by the daily retention, audited as vigie', async () => {
    const DAY_MS = 86_400_000;
    const env = {
      VIGIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-ticker-retention-')),
      VIGIE_RETENTION_DAYS: '2',
    };
    const stored = (id: string, expiredDaysAgo: number) => ({
      kind: 'ticker' as const,
      id,
      value: {
        text: `message ${id}`,
        severity: 'info',
        expiresAt: new Date(Date.now() - expiredDaysAgo * DAY_MS).toISOString(),
        boards: [],
        postedAt: new Date(Date.now() - expiredDaysAgo * DAY_MS - 3600_000).toISOString(),
        postedBy: 'alice',
      },
      expected: null,
    });
    // Written on one run of the BFF (SQLite in VIGIE_DATA_DIR); the next run's retention prunes.
    const sim = await simulator();
    const first = await startFresh(accountEnv(sim, env));
    await first.app.history.settings.write(
      [stored('old', 3), stored('recent', 1)],
      'alice',
      Date.now(),
    );
    await first.app.close();

    const { app } = await startFresh(accountEnv(sim, env));
    const ids = async () =>
      (
        (await app.inject({ method: 'GET', url: '/api/ticker/messages' })).json() as TickerListReply
      ).messages.map((m) => m.id);
    await eventually(
      async () => ((await ids()).includes('old') ? undefined : true),
      8000,
      'the old message pruned',
    );
    expect(await ids()).toEqual(['recent']);
    const entries = await app.history.settings.audit({ limit: 10, kind: 'ticker' });
    expect(entries[0]).toMatchObject({ id: 'old', action: 'delete', actor: 'vigie' });
    expect(entries.filter((e) => e.actor === 'vigie')).toHaveLength(1);
  });
});
