// Boards as stored (kind `board`, value = BoardFields) and the default board built from today's
// settings until someone stores one (issue 13 §1).
import {
  BOARD_PANELS,
  BoardFieldsSchema,
  DEFAULT_BOARD_ID,
  type BoardFields,
  type Principal,
  type WallBoardReply,
} from '@vigie/contract';
import { checked, type CheckLog } from '../lib/checked-json';
import { ForbiddenError } from '../lib/errors';
import type { SettingsStore } from '../history/settings-store';

/** Today's wall without a board: every group and panel, the fit of issue 12, 20 s pages, dark. */
const DEFAULT_BOARD_FIELDS: BoardFields = {
  name: 'Default',
  groups: [],
  panels: [...BOARD_PANELS],
  density: 'auto',
  rotationS: 20,
  theme: 'dark',
  loggedOut: 'count',
  sound: false,
};

type Source = WallBoardReply['source'];

/** A stored board, checked again on read (another version's or a damaged record is absent). */
export async function readBoard(
  store: SettingsStore,
  id: string,
  source: Source,
  log: CheckLog,
): Promise<WallBoardReply | null> {
  const doc = await store.get('board', id);
  if (doc) {
    const fields = checked(BoardFieldsSchema, doc.value, log, `board ${id}`);
    if (fields)
      return {
        id,
        ...fields,
        version: doc.version,
        updatedAt: doc.updatedAt,
        updatedBy: doc.updatedBy,
        source,
      };
  }
  if (id !== DEFAULT_BOARD_ID) return null;
  return {
    id,
    ...DEFAULT_BOARD_FIELDS,
    version: null,
    updatedAt: null,
    updatedBy: null,
    source,
  };
}

/** A team lead reads boards of their groups (or of every group: their snapshot is theirs anyway). */
export function mustSeeBoard(p: Principal, board: { id: string; groups: readonly number[] }): void {
  if (p.groups === null || board.groups.length === 0) return;
  const outside = board.groups.filter((g) => !p.groups?.includes(g));
  if (outside.length > 0)
    throw new ForbiddenError(
      `board "${board.id}" shows group ${outside.join(', ')}, outside your groups`,
    );
}
