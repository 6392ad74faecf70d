// Ticker messages (issue 13 §4): how a stored message reads back, which wall shows it, and which
// groups it involves (what a team lead may post is decided from the boards' groups).
import {
  BoardFieldsSchema,
  DEFAULT_BOARD_ID,
  TICKER_MAX_MS,
  TickerFieldsSchema,
  type TickerFields,
  type TickerMessage,
  type TickerWallMessage,
} from '@vigie/contract';
import Type from 'typebox';
import type { SettingsStore, StoredDoc } from '../history/settings-store';
import { checked, type CheckLog } from '../lib/checked-json';
import { BadParamError, ConflictError } from '../lib/errors';

/** What is stored under kind `ticker`: the fields and who first posted it. */
const StoredTickerSchema = Type.Object({
  ...TickerFieldsSchema.properties,
  postedAt: Type.String({ format: 'date-time' }),
  postedBy: Type.String(),
});
export type StoredTicker = Type.Static<typeof StoredTickerSchema>;

export function messageOf(doc: StoredDoc, log: CheckLog): TickerMessage | null {
  const v = checked(StoredTickerSchema, doc.value, log, `ticker message ${doc.id}`);
  if (!v) return null;
  return {
    id: doc.id,
    text: v.text,
    severity: v.severity,
    expiresAt: v.expiresAt,
    boards: v.boards,
    postedAt: v.postedAt,
    postedBy: v.postedBy,
    version: doc.version,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}

export async function listMessages(store: SettingsStore, log: CheckLog): Promise<TickerMessage[]> {
  const docs = await store.list('ticker');
  return docs
    .map((d) => messageOf(d, log))
    .filter((m): m is TickerMessage => m !== null)
    .sort((a, b) => b.postedAt.localeCompare(a.postedAt) || b.id.localeCompare(a.id));
}

/** What `board`'s wall shows at `now`: unexpired messages for it or for every board, oldest first. */
export function onWall(messages: readonly TickerMessage[], board: string, now: number) {
  return messages
    .filter((m) => Date.parse(m.expiresAt) > now)
    .filter((m) => m.boards.length === 0 || m.boards.includes(board))
    .sort((a, b) => a.postedAt.localeCompare(b.postedAt))
    .map((m): TickerWallMessage => ({
      id: m.id,
      text: m.text,
      severity: m.severity,
      expiresAt: m.expiresAt,
    }));
}

/** expiresAt must be after now and at most seven days away (400 naming the field otherwise). */
export function checkExpiry(expiresAt: string, now: number): void {
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) throw new BadParamError('expiresAt', 'expiresAt is not an instant');
  if (at <= now) throw new BadParamError('expiresAt', 'expiresAt must be in the future');
  if (at - now > TICKER_MAX_MS)
    throw new BadParamError('expiresAt', 'expiresAt must be at most 7 days away');
}

/**
 * The groups the boards show, for the team-lead check: `[]` when any of them (or the list itself,
 * "every board") covers every group, so only a supervisor passes. An unknown board is a 400.
 */
export async function groupsOfBoards(
  store: SettingsStore,
  boards: TickerFields['boards'],
  log: CheckLog,
): Promise<number[]> {
  if (boards.length === 0) return [];
  const groups = new Set<number>();
  for (const [i, id] of boards.entries()) {
    const doc = await store.get('board', id);
    if (!doc) {
      // The default board exists without being stored (it shows every group).
      if (id === DEFAULT_BOARD_ID) return [];
      throw new BadParamError(`boards[${i}]`, `no board "${id}"`);
    }
    const b = checked(BoardFieldsSchema, stripStamp(doc.value), log, `board ${id}`);
    if (!b || b.groups.length === 0) return [];
    for (const g of b.groups) groups.add(g);
  }
  return [...groups];
}

/** Board documents may carry their id or stamp; only the fields matter here. */
function stripStamp(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const keys = Object.keys(BoardFieldsSchema.properties);
  return Object.fromEntries(Object.entries(v).filter(([k]) => keys.includes(k)));
}

const DAY_MS = 86_400_000;

/**
 * Removes the messages that expired more than `retentionDays` ago (VIGIE_RETENTION_DAYS, as the
 * history), audited as `vigie`. A damaged one is left for a person to see. Another instance may
 * prune the same one first: its 409 is that, not a failure. Returns how many were removed.
 */
export async function pruneTickerMessages(
  store: SettingsStore,
  now: number,
  retentionDays: number,
  log: CheckLog,
): Promise<number> {
  const before = now - retentionDays * DAY_MS;
  const gone = (await store.list('ticker')).filter((d) => {
    const m = messageOf(d, log);
    return m !== null && Date.parse(m.expiresAt) < before;
  });
  if (gone.length === 0) return 0;
  try {
    await store.write(
      gone.map((d) => ({ kind: 'ticker' as const, id: d.id, value: null, expected: d.version })),
      'vigie',
      now,
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return 0;
  }
  return gone.length;
}
