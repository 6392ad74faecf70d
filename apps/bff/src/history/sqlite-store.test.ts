import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { AlertEvent } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openSqlite, openStore } from './open-store';
import { MIGRATIONS } from './migrations';
import { migrate } from './sqlite-store';

const ACCOUNT = 'user@https://api.example';
const dir = () => mkdtempSync(join(tmpdir(), 'vigie-store-'));
const log = () => {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    error: (obj: object, msg: string) => lines.push({ level: 'error', obj, msg }),
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
  };
};

/**
 * openStore on `dataDir` where file modes hold. Root ignores them (CAP_DAC_OVERRIDE) and CI runs
 * as root, so there the call runs in a child without the capabilities that bypass modes.
 */
async function openUnprivileged(
  dataDir: string,
): Promise<{ kind: string; problem: string | null }> {
  if (process.getuid?.() !== 0) {
    const { store, problem } = await openStore({
      dataDir,
      retentionDays: 35,
      account: ACCOUNT,
      redis: null,
      log: log(),
    });
    return { kind: store.kind, problem };
  }
  const openStoreUrl = pathToFileURL(join(import.meta.dirname, 'open-store.ts')).href;
  const code = `
    const { openStore } = await import(${JSON.stringify(openStoreUrl)});
    const log = { error() {}, info() {}, warn() {} };
    const { store, problem } = await openStore({ dataDir: process.argv[1], retentionDays: 35, account: 'x@https://api.example', redis: null, log });
    process.stdout.write(JSON.stringify({ kind: store.kind, problem }));`;
  const caps = '-dac_override,-dac_read_search';
  const child = spawnSync(
    'setpriv',
    [
      `--inh-caps=${caps}`,
      `--bounding-set=${caps}`,
      '--',
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      code,
      dataDir,
    ],
    { cwd: import.meta.dirname, encoding: 'utf8', timeout: 15_000 },
  );
  if (child.status !== 0)
    throw new Error(
      `setpriv child failed (${child.error?.message ?? child.status}): ${child.stderr}`,
    );
  return JSON.parse(child.stdout) as { kind: string; problem: string | null };
}

const event = (type: 'raised' | 'cleared', at: string): AlertEvent => ({
  type,
  at,
  alert: {
    id: `r:group:1:${Date.parse('2026-03-02T08:00:00Z')}`,
    rule: 'r',
    kind: 'queue-unattended',
    severity: 'critical',
    subject: { kind: 'group', id: '1' },
    since: '2026-03-02T08:00:00.000Z',
    figures: { waiting: 2 },
  },
});

describe('the SQLite store', () => {
  it('creates the directory and file on first start and runs each migration once', async () => {
    const d = join(dir(), 'nested', 'data');
    const s1 = await openSqlite(d, ACCOUNT, log());
    await s1.close();
    const s2 = await openSqlite(d, ACCOUNT, log());
    await s2.close();
    const db = new Database(join(d, DB_FILE));
    const rows = db.prepare('SELECT version FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    // A later migration applies on top, once.
    const more = [...MIGRATIONS, { version: 99, name: 'test', sql: 'CREATE TABLE t (x)' }];
    expect(migrate(db, more)).toEqual([99]);
    expect(migrate(db, more)).toEqual([]);
    db.close();
  });

  it('keeps the record across a reopen: trend, events once each, state, coverage', async () => {
    const d = dir();
    const s = await openSqlite(d, ACCOUNT, log());
    const point = {
      at: '2026-03-02T08:00:00.000Z',
      waiting: 1,
      longestWaitSeconds: 3,
      answeredPercent: 90,
      serviceLevelPercent: 80,
      calls: 10,
      lost: 1,
      available: 2,
    };
    await s.appendTrend('2026-03-02', [[1, point]]);
    const raised = event('raised', '2026-03-02T08:00:15.000Z');
    expect(await s.addAlertEvents([raised])).toHaveLength(1);
    expect(await s.addAlertEvents([raised])).toHaveLength(0); // once only
    await s.saveAlertState({ version: 1, tracks: {}, samples: {} });
    await s.addCoverage('2026-03-02', 1, 9, {
      calls: 3,
      answered: 2,
      lost: 1,
      observedSeconds: 60,
      loggedInSeconds: 120,
      availableSeconds: 60,
    });
    await s.close();
    const again = await openSqlite(d, ACCOUNT, log());
    expect((await again.trendOf('2026-03-02')).get(1)).toEqual([point]);
    expect(await again.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual([raised]);
    expect(await again.loadAlertState()).toEqual({ version: 1, tracks: {}, samples: {} });
    expect((await again.coverage('2026-03-02', 1))[0]?.live?.calls).toBe(3);
    await again.close();
  });

  it('retention removes the days before the first kept one', async () => {
    const s = await openSqlite(dir(), ACCOUNT, log());
    const live = {
      calls: 1,
      answered: 1,
      lost: 0,
      observedSeconds: 1,
      loggedInSeconds: 1,
      availableSeconds: 1,
    };
    await s.addCoverage('2026-01-01', 1, 9, live);
    await s.addCoverage('2026-03-02', 1, 9, live);
    await s.addAlertEvents([event('raised', '2026-01-01T08:00:00.000Z')]);
    const removed = await s.prune('2026-02-01', Date.parse('2026-02-01T00:00:00Z'));
    expect(removed).toBe(2);
    expect(await s.coverage('2026-01-01', 1)).toEqual([]);
    expect(await s.coverage('2026-03-02', 1)).toHaveLength(1);
    await s.close();
  });

  it('a corrupt file is reported naming VIGIE_DATA_DIR and the file, and the board gets a memory store', async () => {
    const d = dir();
    writeFileSync(join(d, DB_FILE), 'this is not a database'.repeat(100));
    const l = log();
    const { store, problem } = await openStore({
      dataDir: d,
      retentionDays: 35,
      account: ACCOUNT,
      redis: null,
      log: l,
    });
    expect(store.kind).toBe('memory');
    expect(problem).toContain('VIGIE_DATA_DIR');
    const err = l.lines.find((x) => x.level === 'error');
    expect(err?.msg).toContain('VIGIE_DATA_DIR');
    expect(err?.msg).toContain(join(d, DB_FILE));
  });

  it('a data directory that cannot be created is reported the same way', async () => {
    // A file where the directory should be: unwritable even for root, which ignores modes.
    const parent = dir();
    const d = join(parent, 'not-a-dir');
    writeFileSync(d, 'a file, not a directory');
    const l = log();
    const { store, problem } = await openStore({
      dataDir: join(d, 'data'),
      retentionDays: 35,
      account: ACCOUNT,
      redis: null,
      log: l,
    });
    expect(store.kind).toBe('memory');
    expect(problem).toContain('VIGIE_DATA_DIR');
    expect(l.lines.find((x) => x.level === 'error')?.msg).toContain('VIGIE_DATA_DIR');
  });

  it('an unwritable directory is reported the same way (as a user that modes apply to)', async () => {
    const d = dir();
    chmodSync(d, 0o500);
    const { kind, problem } = await openUnprivileged(d);
    expect(kind).toBe('memory');
    expect(problem).toContain('EACCES');
  });

  it('keys every record by account: a file used by account X shows none of it to account Y', async () => {
    const d = dir();
    const x = await openSqlite(d, 'x@https://api.example', log());
    const point = {
      at: '2026-03-02T08:00:00.000Z',
      waiting: 1,
      longestWaitSeconds: 3,
      answeredPercent: 86,
      serviceLevelPercent: 80,
      calls: 10,
      lost: 1,
      available: 2,
    };
    const live = {
      calls: 3,
      answered: 2,
      lost: 1,
      observedSeconds: 60,
      loggedInSeconds: 120,
      availableSeconds: 60,
    };
    const raised = event('raised', '2026-03-02T08:00:15.000Z');
    await x.appendTrend('2026-03-02', [[12, point]]);
    await x.addAlertEvents([raised]);
    await x.saveAlertState({ version: 1, tracks: {}, samples: {} });
    await x.addCoverage('2026-03-02', 12, 9, live);
    await x.saveBaseline({
      day: '2026-03-02',
      at: 1,
      groups: { '12': { calls: 3, answered: 2, lost: 1 } },
    });
    await x.close();

    const y = await openSqlite(d, 'demo@embedded', log());
    expect(await y.trendOf('2026-03-02')).toEqual(new Map());
    expect(await y.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual([]);
    expect(await y.loadAlertState()).toBeNull();
    expect(await y.loadBaseline()).toBeNull();
    expect(await y.coverage('2026-03-02', 12)).toEqual([]);
    expect(await y.coveredHours('2026-03-02')).toEqual(new Set());
    // Y's own event of the same id is Y's, not refused as X's duplicate.
    expect(await y.addAlertEvents([raised])).toHaveLength(1);
    await y.close();

    const back = await openSqlite(d, 'x@https://api.example', log());
    expect((await back.trendOf('2026-03-02')).get(12)).toEqual([point]);
    expect(await back.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual([raised]);
    expect((await back.coverage('2026-03-02', 12))[0]?.live?.calls).toBe(3);
    expect(await back.loadAlertState()).not.toBeNull();
    await back.close();
  });

  it('rows written before records had an account belong to no account: kept until retention, shown to none', async () => {
    const d = dir();
    const db = new Database(join(d, DB_FILE));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version === 1),
    );
    db.prepare(
      "INSERT INTO trend_points VALUES ('2026-03-02', 12, '2026-03-02T08:00:00.000Z', '{}')",
    ).run();
    db.prepare(
      "INSERT INTO coverage (day, group_id, hour, live, calls) VALUES ('2026-03-02', 12, 9, 1, 5)",
    ).run();
    db.prepare(
      'INSERT INTO kv VALUES (\'alert-state\', \'{"version":1,"tracks":{},"samples":{}}\')',
    ).run();
    db.close();
    const s = await openSqlite(d, 'demo@embedded', log());
    expect(await s.trendOf('2026-03-02')).toEqual(new Map());
    expect(await s.coverage('2026-03-02', 12)).toEqual([]);
    expect(await s.loadAlertState()).toBeNull();
    expect(await s.prune('2026-03-03', 0)).toBe(2);
    await s.close();
  });
  it('refuses a corrupt or older-shaped row read back: absent, one warning naming what failed, never its value', async () => {
    const d = dir();
    const s = await openSqlite(d, ACCOUNT, log());
    const point = {
      at: '2026-03-02T08:00:00.000Z',
      waiting: 1,
      longestWaitSeconds: 3,
      answeredPercent: 90,
      serviceLevelPercent: 80,
      calls: 10,
      lost: 1,
      available: 2,
    };
    await s.appendTrend('2026-03-02', [[1, point]]);
    const raised = event('raised', '2026-03-02T08:00:15.000Z');
    await s.addAlertEvents([raised]);
    await s.close();
    // What an older (or damaged) Vigie left in the file, written behind the store's back.
    const db = new Database(join(d, DB_FILE));
    const kv = db.prepare('INSERT OR REPLACE INTO kv (account, key, value) VALUES (?, ?, ?)');
    kv.run(ACCOUNT, 'alert-state', '{"version":0,"tracks":{},"samples":{}}');
    kv.run(ACCOUNT, 'counter-baseline', '{"day":"2026-03-02","at":1,"groups":');
    db.prepare(
      'INSERT INTO trend_points (account, day, group_id, at, point) VALUES (?, ?, ?, ?, ?)',
    ).run(
      ACCOUNT,
      '2026-03-02',
      1,
      '2026-03-02T08:01:00.000Z',
      '{"at":"2026-03-02T08:01:00.000Z"}',
    );
    db.prepare('INSERT INTO alert_events (account, id, at_ms, event) VALUES (?, ?, ?, ?)').run(
      ACCOUNT,
      'x:raised',
      Date.parse('2026-03-02T08:02:00Z'),
      'not json',
    );
    db.close();

    const l = log();
    const again = await openSqlite(d, ACCOUNT, l);
    expect(await again.loadAlertState()).toBeNull();
    expect(await again.loadBaseline()).toBeNull();
    expect((await again.trendOf('2026-03-02')).get(1)).toEqual([point]);
    expect(await again.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual([raised]);
    expect(l.lines.map((x) => [x.level, x.msg])).toEqual([
      ['warn', expect.stringMatching(/alert-state: a record .* ignored \(\/version: /)],
      ['warn', expect.stringMatching(/counter-baseline: a record .* ignored \(not JSON/)],
      [
        'warn',
        expect.stringMatching(
          /trend of group 1: a record .* ignored \(\/: must have required properties/,
        ),
      ],
      ['warn', expect.stringMatching(/alert events: a record .* ignored \(not JSON/)],
    ]);
    await again.close();
  });
});
