// Boards over real HTTP on the simulator (issue 13 §1): CRUD, the default, 400s naming the field, 409s on concurrent edits, roles, the wall's board, export/import, the audit.
import type {
  ActivityReply,
  Board,
  BoardFields,
  BoardsReply,
  SettingsExport,
  Snapshot,
  WallBoardReply,
} from '@vigie/contract';
import { BOARD_PANELS } from '@vigie/contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/env';
import {
  assertNoSecrets,
  fixtureDist,
  listen,
  LogCapture,
  type AuthBuilt,
  buildWithAuth,
  eventually,
  LEAD_GROUP,
  TOKENS,
} from './support';

async function ready(b: AuthBuilt): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && s.groups.length > 2 ? s : undefined;
    },
    8000,
    'a snapshot with groups',
  );
}

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; json: () => unknown; body: string }>;

function as(b: AuthBuilt, headers: Record<string, string>): Call {
  return (method, path, body) =>
    b.call(path, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
}

const fields = (over: Partial<BoardFields> & { id?: string } = {}): BoardFields => ({
  name: 'Support',
  groups: [],
  panels: ['queues', 'alerts'],
  density: 'normal',
  rotationS: 30,
  theme: 'light',
  loggedOut: 'show',
  sound: true,
  ...over,
});

async function activity(call: Call): Promise<ActivityReply> {
  const res = await call('GET', '/api/activity?limit=200');
  expect(res.status, res.body).toBe(200);
  return res.json() as ActivityReply;
}

describe('boards', () => {
  it('a supervisor creates, reads, lists, updates, duplicates and deletes a board; every write is audited with before and after', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const [g1, g2] = s.groups.map((g) => g.id);
    const aliceCookie = await b.signIn('alice');
    const alice = as(b, { cookie: aliceCookie });

    const created = await alice('POST', '/api/boards', fields({ groups: [g1!, g2!] }));
    expect(created.status, created.body).toBe(201);
    const board = created.json() as Board;
    expect(board).toMatchObject({
      id: 'support',
      name: 'Support',
      groups: [g1, g2],
      theme: 'light',
      version: 1,
      updatedBy: 'alice',
    });
    expect(Date.parse(board.updatedAt ?? '')).toBeGreaterThan(0);
    // A second board of the same name gets the next free slug.
    const again = await alice('POST', '/api/boards', fields({ name: 'Support' }));
    expect((again.json() as Board).id).toBe('support-2');
    const named = await alice('POST', '/api/boards', fields({ name: 'Équipe Nord', id: 'nord' }));
    expect((named.json() as Board).id).toBe('nord');

    expect(((await alice('GET', '/api/boards/support')).json() as Board).groups).toEqual([g1, g2]);
    const list = (await alice('GET', '/api/boards')).json() as BoardsReply;
    expect(list.boards.map((x) => x.id).sort()).toEqual([
      'default',
      'nord',
      'support',
      'support-2',
    ]);
    expect(list.boards.every((x) => x.editable)).toBe(true);

    const put = await alice('PUT', '/api/boards/support', {
      ...fields({ groups: [g1!], density: 'large', name: 'Support floor' }),
      version: 1,
    });
    expect(put.status, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      id: 'support',
      name: 'Support floor',
      version: 2,
      density: 'large',
    });

    const dup = await alice('POST', '/api/boards/support/duplicate', { name: 'Support copy' });
    expect(dup.status, dup.body).toBe(201);
    expect(dup.json()).toMatchObject({
      id: 'support-copy',
      name: 'Support copy',
      groups: [g1],
      density: 'large',
      version: 1,
    });

    // A write from a foreign page is refused before it reaches the store.
    const foreign = await b.call('/api/boards/support-copy?version=1', {
      method: 'DELETE',
      headers: { cookie: aliceCookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const stale = await alice('DELETE', '/api/boards/support-copy?version=7');
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version' });
    const del = await alice('DELETE', '/api/boards/support-copy?version=1');
    expect(del.status, del.body).toBe(204);
    expect((await alice('GET', '/api/boards/support-copy')).status).toBe(404);

    const { entries } = await activity(alice);
    const mine = entries.filter((e) => e.kind === 'board');
    expect(mine.map((e) => `${e.action} ${e.id}`)).toEqual([
      'delete support-copy',
      'create support-copy',
      'update support',
      'create nord',
      'create support-2',
      'create support',
    ]);
    const update = mine.find((e) => e.action === 'update');
    expect(update).toMatchObject({
      actor: 'alice',
      before: { name: 'Support', groups: [g1, g2], density: 'normal' },
      after: { name: 'Support floor', groups: [g1], density: 'large' },
    });
    expect(mine[0]).toMatchObject({ before: { name: 'Support copy' }, after: null });
    await b.app.close();
    assertNoSecrets(b.seen, b.files, 'a response');
  });

  it('the default board always exists: built from today’s settings until a PUT stores it, and it cannot be deleted', async () => {
    const b = await buildWithAuth();
    await ready(b);
    const alice = as(b, { cookie: await b.signIn('alice') });
    const first = (await alice('GET', '/api/boards/default')).json() as Board;
    expect(first).toEqual({
      id: 'default',
      name: 'Default',
      groups: [],
      panels: [...BOARD_PANELS],
      density: 'auto',
      rotationS: 20,
      theme: 'dark',
      loggedOut: 'count',
      sound: false,
      version: null,
      updatedAt: null,
      updatedBy: null,
    } satisfies Board);
    // Stored by a PUT at version null; a second PUT at null is a concurrent first save: 409.
    const { id: _id, version: _v, updatedAt: _a, updatedBy: _b, ...f } = first;
    const saved = await alice('PUT', '/api/boards/default', {
      ...f,
      theme: 'light',
      version: null,
    });
    expect(saved.status, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ theme: 'light', version: 1, updatedBy: 'alice' });
    const late = await alice('PUT', '/api/boards/default', { ...f, version: null });
    expect(late.status).toBe(409);
    expect(late.json()).toMatchObject({ field: 'version' });
    const del = await alice('DELETE', '/api/boards/default?version=1');
    expect(del.status).toBe(400);
    expect(del.json()).toMatchObject({ field: 'id' });
    expect(((await alice('GET', '/api/boards/default')).json() as Board).theme).toBe('light');
    // Its id is taken: a create naming it is a 409 on `id`.
    const clash = await alice('POST', '/api/boards', fields({ id: 'default' }));
    expect(clash.status).toBe(409);
    expect(clash.json()).toMatchObject({ field: 'id' });
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const alice = as(b, { cookie: await b.signIn('alice') });
    const g = s.groups[0]!.id;
    const cases: [unknown, string][] = [
      [fields({ name: '' }), 'name'],
      [{ ...fields(), density: 'huge' }, 'density'],
      [{ ...fields(), rotationS: -1 }, 'rotationS'],
      [{ ...fields(), theme: 'pink' }, 'theme'],
      [{ ...fields(), panels: ['queues', 'queues'] }, 'panels'],
      [{ ...fields(), panels: ['radar'] }, 'panels'],
      [{ ...fields(), loggedOut: 'hide' }, 'loggedOut'],
      [{ ...fields(), sound: 'yes' }, 'sound'],
      [{ ...fields(), groups: [g, 999_999] }, 'groups'],
      [{ ...fields(), groups: [g, g] }, 'groups'],
      [{ ...fields(), id: 'Not A Slug' }, 'id'],
      [(({ theme: _t, ...rest }) => rest)(fields()), 'theme'],
    ];
    for (const [body, field] of cases) {
      const res = await alice('POST', '/api/boards', body);
      expect(res.status, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(res.json(), JSON.stringify(body)).toMatchObject({ statusCode: 400, field });
    }
    const ok = await alice('POST', '/api/boards', fields({ groups: [g] }));
    const board = ok.json() as Board;
    const put = await alice('PUT', `/api/boards/${board.id}`, {
      ...fields(),
      groups: [999_999],
      version: 1,
    });
    expect(put.status).toBe(400);
    expect(put.json()).toMatchObject({ field: 'groups' });
    const noVersion = await alice('PUT', `/api/boards/${board.id}`, fields());
    expect(noVersion.json()).toMatchObject({ statusCode: 400, field: 'version' });
    expect((await alice('DELETE', `/api/boards/${board.id}`)).json()).toMatchObject({
      statusCode: 400,
      field: 'version',
    });
    expect((await alice('GET', '/api/boards/NOPE')).json()).toMatchObject({
      statusCode: 400,
      field: 'id',
    });
    expect((await alice('PUT', '/api/boards/ghost', { ...fields(), version: 1 })).status).toBe(404);
    expect((await alice('GET', '/api/wall/board?board=ghost')).status).toBe(404);
    // Nothing but the one create was written.
    expect((await activity(alice)).entries.map((e) => e.action)).toEqual(['create']);
  });

  it('two edits at the same version: the first wins, the second is a 409 naming `version` and changes nothing', async () => {
    const b = await buildWithAuth();
    await ready(b);
    const alice = as(b, { cookie: await b.signIn('alice') });
    const bob = as(b, { cookie: await b.signIn('bob') });
    await alice('POST', '/api/boards', fields({ name: 'Lead board', groups: [LEAD_GROUP] }));
    const [one, two] = await Promise.all([
      alice('PUT', '/api/boards/lead-board', {
        ...fields({ groups: [LEAD_GROUP], density: 'compact' }),
        version: 1,
      }),
      bob('PUT', '/api/boards/lead-board', {
        ...fields({ groups: [LEAD_GROUP], density: 'large' }),
        version: 1,
      }),
    ]);
    const statuses = [one.status, two.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = one.status === 409 ? one : two;
    expect(lost.json()).toMatchObject({ statusCode: 409, field: 'version' });
    expect((lost.json() as { message: string }).message).toMatch(/changed meanwhile/);
    const won = (one.status === 200 ? one : two).json() as Board;
    const now = (await alice('GET', '/api/boards/lead-board')).json() as Board;
    expect(now.version).toBe(2);
    expect(now.density).toBe(won.density);
    expect((await activity(alice)).entries.filter((e) => e.action === 'update')).toHaveLength(1);
  });

  it('a team lead manages the boards of their groups only; a display changes nothing', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const other = s.groups.find((g) => g.id !== LEAD_GROUP)!.id;
    const alice = as(b, { cookie: await b.signIn('alice') });
    const bob = as(b, { cookie: await b.signIn('bob') });
    const tv = as(b, { authorization: `Bearer ${TOKENS['tv-hall']}` });
    await alice('POST', '/api/boards', fields({ name: 'Other', groups: [other] }));
    await alice('POST', '/api/boards', fields({ name: 'Mixed', groups: [LEAD_GROUP, other] }));

    // Bob's own board: create, edit, duplicate, delete.
    const mine = await bob('POST', '/api/boards', fields({ name: 'Bob', groups: [LEAD_GROUP] }));
    expect(mine.status, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ updatedBy: 'bob' });
    expect(
      (
        await bob('PUT', '/api/boards/bob', {
          ...fields({ name: 'Bob 2', groups: [LEAD_GROUP] }),
          version: 1,
        })
      ).status,
    ).toBe(200);
    expect((await bob('POST', '/api/boards/bob/duplicate', { name: 'Bob copy' })).status).toBe(201);
    expect((await bob('DELETE', '/api/boards/bob-copy?version=1')).status).toBe(204);

    // He sees his board and the default (read-only), nothing else.
    const list = (await bob('GET', '/api/boards')).json() as BoardsReply;
    expect(list.boards.map((x) => [x.id, x.editable])).toEqual([
      ['bob', true],
      ['default', false],
    ]);
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/boards', fields({ name: 'All' })], // every group: supervisors only
      ['POST', '/api/boards', fields({ name: 'Theirs', groups: [other] })],
      ['POST', '/api/boards', fields({ name: 'Both', groups: [LEAD_GROUP, other] })],
      ['GET', '/api/boards/other'],
      ['GET', '/api/boards/mixed'],
      ['PUT', '/api/boards/other', { ...fields({ groups: [LEAD_GROUP] }), version: 1 }],
      ['PUT', '/api/boards/bob', { ...fields({ groups: [LEAD_GROUP, other] }), version: 2 }],
      ['PUT', '/api/boards/default', { ...fields(), version: null }],
      ['POST', '/api/boards/other/duplicate', { name: 'Stolen' }],
      ['POST', '/api/boards/default/duplicate', { name: 'Everything' }],
      ['DELETE', '/api/boards/other?version=1'],
      ['GET', '/api/wall/board?board=mixed'],
      ['GET', '/api/activity'],
      ['GET', '/api/settings/export'],
      [
        'POST',
        '/api/settings/import',
        {
          format: 'vigie-settings',
          version: 1,
          exportedAt: new Date().toISOString(),
          boards: [],
          queues: [],
        },
      ],
    ];
    for (const [method, path, body] of refused) {
      const res = await bob(method, path, body);
      expect(res.status, `bob ${method} ${path}: ${res.body}`).toBe(403);
    }
    // The wall route is scoped, not closed: his own board and the default.
    expect(((await bob('GET', '/api/wall/board?board=bob')).json() as WallBoardReply).source).toBe(
      'named',
    );
    expect(((await bob('GET', '/api/wall/board')).json() as WallBoardReply).source).toBe('default');

    // A display reads its wall's board, and nothing else.
    for (const [method, path, body] of [
      ['GET', '/api/boards'],
      ['GET', '/api/boards/other'],
      ['POST', '/api/boards', fields({ groups: [other] })],
      ['PUT', '/api/boards/other', { ...fields(), version: 1 }],
      ['POST', '/api/boards/other/duplicate', { name: 'x' }],
      ['DELETE', '/api/boards/other?version=1'],
      ['GET', '/api/settings/export'],
      ['POST', '/api/settings/import', {}],
    ] as [string, string, unknown?][]) {
      const res = await tv(method, path, body);
      expect(res.status, `display ${method} ${path}`).toBe(403);
    }
    expect((await tv('GET', '/api/wall/board?board=other')).json()).toMatchObject({
      id: 'other',
      source: 'named',
    });
    // Nothing bob was refused reached the store.
    const actors = (await activity(alice)).entries.map((e) => `${e.actor} ${e.action} ${e.id}`);
    expect(actors).toEqual([
      'bob delete bob-copy',
      'bob create bob-copy',
      'bob update bob',
      'bob create bob',
      'alice create mixed',
      'alice create other',
    ]);
  });

  it('GET /api/wall/board: the named board, else the screen’s assigned board, else the default', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const alice = as(b, { cookie: await b.signIn('alice') });
    const tv = as(b, { authorization: `Bearer ${TOKENS['tv-hall']}` });
    const floor = as(b, { authorization: `Bearer ${TOKENS['tv-floor']}` });
    await alice('POST', '/api/boards', fields({ name: 'Hall', groups: [s.groups[1]!.id] }));
    // The screens service stores a screen as kind `screen` with its `board`.
    await b.app.history.settings.write(
      [
        {
          kind: 'screen',
          id: 'tv-hall',
          value: { name: 'Hall TV', board: 'hall' },
          expected: null,
        },
      ],
      'alice',
      Date.now(),
    );
    expect((await tv('GET', '/api/wall/board')).json()).toMatchObject({
      id: 'hall',
      source: 'screen',
      theme: 'light',
    });
    expect((await tv('GET', '/api/wall/board?board=default')).json()).toMatchObject({
      id: 'default',
      source: 'named',
    });
    expect((await floor('GET', '/api/wall/board')).json()).toMatchObject({
      id: 'default',
      source: 'default',
      version: null,
    });
    expect((await alice('GET', '/api/wall/board')).json()).toMatchObject({
      id: 'default',
      source: 'default',
    });
    // An assigned board that was deleted: the default.
    await alice('DELETE', '/api/boards/hall?version=1');
    expect((await tv('GET', '/api/wall/board')).json()).toMatchObject({
      id: 'default',
      source: 'default',
    });
  });

  it('an import with one bad field is refused whole: nothing changes, not even the audit; an export imports back to the same boards', async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const [g1, g2] = s.groups.map((g) => g.id);
    // Four queues, each on its own pair: with the default's, one over the budget of 4.
    const all = (
      await eventually(
        () => {
          const latest = b.app.snapshots.latest?.snapshot;
          return latest && latest.groups.length >= 4 ? latest : undefined;
        },
        8000,
        'four groups',
      )
    ).groups
      .slice(0, 4)
      .map((g) => g.id);
    expect(all).toHaveLength(4);
    const alice = as(b, { cookie: await b.signIn('alice') });
    await alice('POST', '/api/boards', fields({ name: 'Support', groups: [g1!, g2!] }));
    await alice('POST', '/api/boards', fields({ name: 'Sales', groups: [g2!], theme: 'dark' }));
    await b.app.history.settings.write(
      [
        {
          kind: 'queue',
          id: String(g1),
          value: { answeredWithinS: 30, targetPct: 85 },
          expected: null,
        },
      ],
      'alice',
      Date.now(),
    );
    const exported = await alice('GET', '/api/settings/export');
    expect(exported.status, exported.body).toBe(200);
    const file = exported.json() as SettingsExport;
    expect(file).toMatchObject({ format: 'vigie-settings', version: 1 });
    expect(file.boards.map((x) => x.id)).toEqual(['sales', 'support']);
    expect(file.boards[1]).toEqual({
      id: 'support',
      ...fields({ name: 'Support', groups: [g1!, g2!] }),
    });
    expect(file.queues).toEqual([{ id: g1, answeredWithinS: 30, targetPct: 85 }]);

    const auditBefore = await activity(alice);
    const boardsBefore = (await alice('GET', '/api/boards')).json() as BoardsReply;
    const board = (i: number, over: Record<string, unknown>) => ({
      ...file,
      boards: [
        { ...file.boards[0]!, name: 'Sales renamed' },
        { ...file.boards[1]!, name: 'Support renamed' },
        { ...file.boards[1]!, id: 'third', ...over },
      ].slice(0, i + 1),
    });
    const bad: [unknown, string][] = [
      [board(2, { density: 'huge' }), 'boards[2].density'],
      [board(2, { groups: [999_999] }), 'boards[2].groups'],
      [board(2, { id: 'sales' }), 'boards[2].id'],
      [board(2, { extra: 1 }), 'boards[2].extra'],
      [{ ...board(2, {}), queues: [{ id: g1, answeredWithinS: 0 }] }, 'queues[0].answeredWithinS'],
      [{ ...board(2, {}), queues: [{ id: 999_999 }] }, 'queues[0].id'],
      // The checks of PUT /api/queues/:id: a figure's order, the budget of pairs (4 by default).
      [{ ...board(2, {}), queues: [{ id: g1, waiting: [8, 3] }] }, 'queues[0].waiting'],
      [
        { ...board(2, {}), queues: [{ id: g1, serviceLevelPct: [60, 80] }] },
        'queues[0].serviceLevelPct',
      ],
      [
        {
          ...board(2, {}),
          queues: all.map((id, i) => ({ id, answeredWithinS: 11 + i })),
        },
        'queues[3].answeredWithinS',
      ],
      [{ ...board(2, {}), format: 'other' }, 'format'],
      [(({ boards: _b, ...rest }) => rest)(file), 'boards'],
      ['{"format":', 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await alice('POST', '/api/settings/import', body);
      expect(res.status, `${field}: ${res.body}`).toBe(400);
      // A body that is not JSON at all is the parser's 400; every other names the field's path.
      if (field !== 'body') {
        expect(res.json()).toMatchObject({ field });
        expect((res.json() as { message: string }).message).toContain(field);
      }
    }
    expect(await activity(alice)).toEqual(auditBefore);
    expect((await alice('GET', '/api/boards')).json()).toEqual(boardsBefore);
    // Nothing of a refused queue is stored either.
    expect(((await alice('GET', '/api/settings/export')).json() as SettingsExport).queues).toEqual(
      file.queues,
    );

    // A good import: one write, every document audited as `import`.
    const good = await alice('POST', '/api/settings/import', board(2, { name: 'Third' }));
    expect(good.status, good.body).toBe(200);
    expect(good.json()).toEqual({ boards: 3, queues: 1 });
    const after = await activity(alice);
    const imported = after.entries.slice(0, after.entries.length - auditBefore.entries.length);
    expect(imported.map((e) => `${e.action} ${e.kind} ${e.id}`).sort()).toEqual(
      [
        `import queue ${g1}`,
        'import board sales',
        'import board support',
        'import board third',
      ].sort(),
    );
    expect(imported.find((e) => e.id === 'sales')).toMatchObject({
      actor: 'alice',
      before: { name: 'Sales' },
      after: { name: 'Sales renamed' },
    });

    // Round trip: what was exported, imported back, gives the same file.
    const back = await alice('POST', '/api/settings/import', file);
    expect(back.status).toBe(200);
    const again = (await alice('GET', '/api/settings/export')).json() as SettingsExport;
    expect(again.boards.filter((x) => x.id !== 'third')).toEqual(file.boards);
    expect(again.queues).toEqual(file.queues);
  });

  it('on the open demo a supervisor’s change is saved and audited as “demo”', async () => {
    const app = await buildApp(
      loadConfig({
        POLL_OPERATORS_MS: '300',
        ALLOW_FAST_POLL: '1',
        POLL_GROUPS_MS: '300',
        WEB_DIST_DIR: fixtureDist(),
        VIGIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-data-')),
      }),
      { logStream: new LogCapture() },
    );
    onTestFinished(() => app.close());
    const base = await listen(app);
    const s = await eventually(() => app.snapshots.latest?.snapshot, 8000, 'a demo snapshot');
    expect(s.demo).toBe(true);
    const res = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields({ groups: [s.groups[0]!.id] })),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'support', updatedBy: 'demo' });
    const audit = (await (await fetch(`${base}/api/activity`)).json()) as ActivityReply;
    expect(audit.entries.map((e) => `${e.actor} ${e.action} ${e.id}`)).toEqual([
      'demo create support',
    ]);
  });
});
