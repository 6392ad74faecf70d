// Past ticker messages under VIGIE_RETENTION_DAYS: removed once expired longer than that, audited
// as `vigie`; the current ones and the recently ended ones stay.
import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../history/settings-store';
import { ConflictError } from '../lib/errors';
import { listMessages, pruneTickerMessages } from './ticker';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const log = { warn: () => undefined };

const message = (id: string, expiresAt: number) => ({
  kind: 'ticker' as const,
  id,
  value: {
    text: `message ${id}`,
    severity: 'info',
    expiresAt: new Date(expiresAt).toISOString(),
    boards: [],
    postedAt: new Date(expiresAt - 3600_000).toISOString(),
    postedBy: 'alice',
  },
  expected: null,
});

async function seeded() {
  const store = new MemorySettingsStore();
  await store.write(
    [
      message('old', NOW - 3 * DAY_MS - 1),
      message('edge', NOW - 3 * DAY_MS + 60_000),
      message('ended', NOW - DAY_MS),
      message('current', NOW + 3600_000),
      { kind: 'ticker', id: 'damaged', value: { text: 1 }, expected: null },
    ],
    'alice',
    NOW - 4 * DAY_MS,
  );
  return store;
}

describe('ticker retention', () => {
  it('removes the messages expired more than VIGIE_RETENTION_DAYS ago, audited as vigie', async () => {
    const store = await seeded();
    expect(await pruneTickerMessages(store, NOW, 3, log)).toBe(1);
    expect((await listMessages(store, log)).map((m) => m.id).sort()).toEqual([
      'current',
      'edge',
      'ended',
    ]);
    // A damaged document stays for a person to see (the audit shows it; a prune cannot read it).
    expect((await store.list('ticker')).map((d) => d.id)).toContain('damaged');
    const [entry] = await store.audit({ limit: 1 });
    expect(entry).toMatchObject({ kind: 'ticker', id: 'old', action: 'delete', actor: 'vigie' });
    expect(entry?.at).toBe(new Date(NOW).toISOString());
    // Nothing more to do: no write, no audit entry.
    const entries = (await store.audit({ limit: 100 })).length;
    expect(await pruneTickerMessages(store, NOW, 3, log)).toBe(0);
    expect(await store.audit({ limit: 100 })).toHaveLength(entries);
    // A day later the one on the edge goes too.
    expect(await pruneTickerMessages(store, NOW + DAY_MS, 3, log)).toBe(1);
  });

  it('a message changed meanwhile (another instance pruned it first) is no failure', async () => {
    const store = await seeded();
    const racing = Object.assign(Object.create(store) as MemorySettingsStore, {
      write: async () => {
        throw new ConflictError('another instance removed it first', null);
      },
    });
    expect(await pruneTickerMessages(racing, NOW, 3, log)).toBe(0);
    expect((await store.list('ticker')).map((d) => d.id)).toContain('old');
  });
});
