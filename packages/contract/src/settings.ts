// What supervisors shape in the browser (issue 13): boards, screens, per-queue service levels,
// ticker messages, alert acknowledgements, and the audit of every change. Stored by the BFF,
// versioned (a write names the version it read: another one is a 409), pushed live as a
// `settings` event on the stream.
import Type from 'typebox';
import { EntityIdSchema } from './routes';

const Iso = Type.String({ format: 'date-time' });

/** A stored document's version: 1 when created, +1 at each change. */
export const VersionSchema = Type.Integer({ minimum: 1 });

/** Who changed a document and when (set by the BFF, never taken from the body). */
export const StampSchema = Type.Object({
  version: VersionSchema,
  updatedAt: Iso,
  updatedBy: Type.String(),
});
export type Stamp = Type.Static<typeof StampSchema>;

/** The kinds of stored documents; a `settings` stream event names those that changed. */
export const SettingsKindSchema = Type.Union([
  Type.Literal('board'),
  Type.Literal('screen'),
  Type.Literal('queue'),
  Type.Literal('ticker'),
  Type.Literal('ack'),
  Type.Literal('rules'),
]);
export type SettingsKind = Type.Static<typeof SettingsKindSchema>;

/** Data of the `settings` stream event: which kinds changed (nothing else: the page refetches). */
export const SettingsEventSchema = Type.Object({
  kinds: Type.Array(SettingsKindSchema),
  at: Iso,
});
export type SettingsEvent = Type.Static<typeof SettingsEventSchema>;

// ── Boards ──────────────────────────────────────────────────────────────────────────────────────

/** Ids that are addresses (`/wall/<board>`): lower-case letters, digits and dashes, ≤ 48. */
const SLUG = '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$';
export const BoardIdSchema = Type.String({ pattern: SLUG });

export const BoardPanelSchema = Type.Union([
  Type.Literal('queues'),
  Type.Literal('operators'),
  Type.Literal('alerts'),
  Type.Literal('staffing'),
  Type.Literal('kpis'),
  Type.Literal('clock'),
  Type.Literal('ticker'),
]);
export type BoardPanel = Type.Static<typeof BoardPanelSchema>;

export { BOARD_PANELS, DEFAULT_BOARD_ID } from './boards';

export const BoardDensitySchema = Type.Union([
  Type.Literal('auto'),
  Type.Literal('compact'),
  Type.Literal('normal'),
  Type.Literal('large'),
]);
export const BoardThemeSchema = Type.Union([Type.Literal('dark'), Type.Literal('light')]);

/** What a supervisor sets on a board (the body of create and update). */
export const BoardFieldsSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    /** The groups shown; empty: every group the viewer may see. */
    groups: Type.Array(EntityIdSchema, { maxItems: 200, uniqueItems: true }),
    /** The panels shown, in this order. */
    panels: Type.Array(BoardPanelSchema, { uniqueItems: true, maxItems: 7 }),
    density: BoardDensitySchema,
    /** Seconds per page when the operators do not fit; 0: no rotation. */
    rotationS: Type.Integer({ minimum: 0, maximum: 600 }),
    theme: BoardThemeSchema,
    /** Logged-out operators: one counted tile, or a tile each. */
    loggedOut: Type.Union([Type.Literal('count'), Type.Literal('show')]),
    sound: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type BoardFields = Type.Static<typeof BoardFieldsSchema>;

/**
 * A board as read. The built-in `default` board that nobody has saved yet is built from today's
 * settings and has no stamp: `version`, `updatedAt` and `updatedBy` are null (a PUT naming
 * `version: null` stores it). Every stored board has all three.
 */
export const BoardSchema = Type.Object({
  id: BoardIdSchema,
  ...BoardFieldsSchema.properties,
  version: Type.Union([VersionSchema, Type.Null()]),
  updatedAt: Type.Union([Iso, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type Board = Type.Static<typeof BoardSchema>;

export const BoardParamsSchema = Type.Object({ id: BoardIdSchema });
export type BoardParams = Type.Static<typeof BoardParamsSchema>;

// GET /api/boards: the boards the principal may see (a team lead: those of their groups only, and
// the default read-only), by name.
export const BoardListItemSchema = Type.Object({
  ...BoardSchema.properties,
  /** Whether this principal may edit, duplicate or delete it. */
  editable: Type.Boolean(),
});
export type BoardListItem = Type.Static<typeof BoardListItemSchema>;
export const BoardsReplySchema = Type.Object({ boards: Type.Array(BoardListItemSchema) });
export type BoardsReply = Type.Static<typeof BoardsReplySchema>;

// POST /api/boards: the fields, and an id (else a unique slug of the name).
export const BoardCreateBodySchema = Type.Object(
  { ...BoardFieldsSchema.properties, id: Type.Optional(BoardIdSchema) },
  { additionalProperties: false },
);
export type BoardCreateBody = Type.Static<typeof BoardCreateBodySchema>;

// PUT /api/boards/:id: every field, and the version it was read at (null: the unsaved default).
export const BoardUpdateBodySchema = Type.Object(
  { ...BoardFieldsSchema.properties, version: Type.Union([VersionSchema, Type.Null()]) },
  { additionalProperties: false },
);
export type BoardUpdateBody = Type.Static<typeof BoardUpdateBodySchema>;

// POST /api/boards/:id/duplicate: the copy's name, and an id (else a unique slug of the name).
export const BoardDuplicateBodySchema = Type.Object(
  { name: BoardFieldsSchema.properties.name, id: Type.Optional(BoardIdSchema) },
  { additionalProperties: false },
);
export type BoardDuplicateBody = Type.Static<typeof BoardDuplicateBodySchema>;

// DELETE /api/boards/:id?version=
export const BoardDeleteQuerySchema = Type.Object({ version: VersionSchema });
export type BoardDeleteQuery = Type.Static<typeof BoardDeleteQuerySchema>;

// GET /api/wall/board?board=<id>: what a wall shows. `named`: the board asked for; `screen`: the
// board assigned to the screen asking (a display token); `default`: the default board.
export const WallBoardQuerySchema = Type.Object({ board: Type.Optional(BoardIdSchema) });
export type WallBoardQuery = Type.Static<typeof WallBoardQuerySchema>;
export const WallBoardSourceSchema = Type.Union([
  Type.Literal('named'),
  Type.Literal('screen'),
  Type.Literal('default'),
]);
/** What a wall needs of a message: no author, no history (kept small, displays read it). */
export const TickerWallMessageSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  severity: Type.Union([Type.Literal('info'), Type.Literal('warning')]),
  expiresAt: Iso,
});
export type TickerWallMessage = Type.Static<typeof TickerWallMessageSchema>;

export const WallBoardReplySchema = Type.Object({
  ...BoardSchema.properties,
  source: WallBoardSourceSchema,
  /**
   * The board's ticker messages now (issue 13 §4), in the same reply: one request fewer on a
   * wall's first visit (issue 12 §7's budget). GET /api/ticker gives the same to scripts.
   */
  ticker: Type.Array(TickerWallMessageSchema),
});
export type WallBoardReply = Type.Static<typeof WallBoardReplySchema>;

// ── Screens ─────────────────────────────────────────────────────────────────────────────────────

export const ScreenIdSchema = Type.String({ pattern: SLUG });

/** A screen as listed (never its token: that is shown once, when created). */
export const ScreenSchema = Type.Object({
  id: ScreenIdSchema,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  /** The board it shows; null: the default board. */
  board: Type.Union([BoardIdSchema, Type.Null()]),
  /** `file`: from VIGIE_DISPLAY_TOKENS(_FILE), listed read-only. */
  source: Type.Union([Type.Literal('ui'), Type.Literal('file')]),
  online: Type.Boolean(),
  lastSeenAt: Type.Union([Iso, Type.Null()]),
  lastAddress: Type.Union([Type.String(), Type.Null()]),
  version: Type.Union([VersionSchema, Type.Null()]),
  /** The stamp of a UI screen; null for a file/env one. */
  updatedAt: Type.Union([Iso, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  /** Where a read-only screen comes from (`VIGIE_DISPLAY_TOKENS_FILE` or `VIGIE_DISPLAY_TOKENS`); null for UI ones. */
  origin: Type.Union([Type.String(), Type.Null()]),
});
export type Screen = Type.Static<typeof ScreenSchema>;

const ScreenNameSchema = Type.String({ minLength: 1, maxLength: 80 });

// GET /api/screens: every screen, UI ones and (read-only) the file/env ones.
export const ScreenListReplySchema = Type.Object({ screens: Type.Array(ScreenSchema) });
export type ScreenListReply = Type.Static<typeof ScreenListReplySchema>;

// POST /api/screens: the id is made from the name; the token is in this reply only.
export const ScreenCreateBodySchema = Type.Object(
  { name: ScreenNameSchema, board: Type.Optional(Type.Union([BoardIdSchema, Type.Null()])) },
  { additionalProperties: false },
);
export type ScreenCreateBody = Type.Static<typeof ScreenCreateBodySchema>;

export const ScreenCreatedReplySchema = Type.Object({
  screen: ScreenSchema,
  /** The screen's secret, shown once: only its hash is stored. */
  token: Type.String(),
  /** The address to open on the TV (`/wall?token=…`, absolute when the public origin is known). */
  link: Type.String(),
});
export type ScreenCreatedReply = Type.Static<typeof ScreenCreatedReplySchema>;

// PUT /api/screens/:id
export const ScreenUpdateBodySchema = Type.Object(
  {
    name: Type.Optional(ScreenNameSchema),
    board: Type.Optional(Type.Union([BoardIdSchema, Type.Null()])),
    version: VersionSchema,
  },
  { additionalProperties: false },
);
export type ScreenUpdateBody = Type.Static<typeof ScreenUpdateBodySchema>;

export const ScreenParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

// DELETE /api/screens/:id?version=
export const ScreenDeleteQuerySchema = Type.Object({ version: VersionSchema });

// ── Per-queue settings ──────────────────────────────────────────────────────────────────────────

const Pair = (min: number, max: number) =>
  Type.Tuple([
    Type.Number({ minimum: min, maximum: max }),
    Type.Number({ minimum: min, maximum: max }),
  ]);

/** One queue's service levels and thresholds; a missing field falls back to the file/env value. */
export const QueueSettingsFieldsSchema = Type.Object(
  {
    /** Guide 4.3 `nbr_repondu`: answered within this many seconds counts towards the service level. */
    answeredWithinS: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
    /** Guide 4.3 `nbr_abandonne`: abandoned within this many seconds is a short abandon. */
    abandonedWithinS: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    /** VIGIE_SERVICE_LEVEL_TARGET_PCT's range: staffing (Erlang C) has no answer at 0 or 100. */
    targetPct: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    /** `[warning, critical]`, as the THRESHOLD_* settings. */
    waiting: Type.Optional(Pair(0, 10000)),
    longestWaitS: Type.Optional(Pair(0, 86400)),
    answeredPct: Type.Optional(Pair(0, 100)),
    serviceLevelPct: Type.Optional(Pair(0, 100)),
  },
  { additionalProperties: false },
);
export type QueueSettingsFields = Type.Static<typeof QueueSettingsFieldsSchema>;

/** The names of the per-queue fields, in the order the settings page shows them. */
export const QUEUE_FIELDS = [
  'answeredWithinS',
  'abandonedWithinS',
  'targetPct',
  'waiting',
  'longestWaitS',
  'answeredPct',
  'serviceLevelPct',
] as const;
export type QueueField = (typeof QUEUE_FIELDS)[number];

// PUT /api/queues/:id: the fields (a missing one: the file/env default) and the version read (null
// when the queue had no stored settings yet). DELETE /api/queues/:id?version=: back to the defaults.
export const QueueParamsSchema = Type.Object({ id: EntityIdSchema });
// One flat object (an intersection of closed objects would have Ajv strip `version` as extra).
export const QueuePutBodySchema = Type.Object(
  {
    ...QueueSettingsFieldsSchema.properties,
    version: Type.Union([VersionSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type QueuePutBody = Type.Static<typeof QueuePutBodySchema>;
export const QueueDeleteQuerySchema = Type.Object({ version: VersionSchema });

/** Where a field's value comes from: the settings page says it beside the value. */
export const QueueValueSourceSchema = Type.Union([
  Type.Literal('ui'),
  Type.Literal('env'),
  Type.Literal('default'),
]);
export type QueueValueSource = Type.Static<typeof QueueValueSourceSchema>;

const Sourced = <T extends Type.TSchema>(value: T) =>
  Type.Object({
    value,
    source: QueueValueSourceSchema,
    /** The setting the value falls back to (`env` and `default`), e.g. SERVICE_LEVEL_ANSWERED_WITHIN_S. */
    variable: Type.Optional(Type.String()),
    /** `ui`: who stored it and when. */
    updatedBy: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Iso),
  });
const SourcedPair = Sourced(Type.Tuple([Type.Number(), Type.Number()]));

/** One queue as the settings page shows it: the effective values, each with its source. */
export const QueueRowSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The stored document's stamp; null: no stored settings, every value is a default. */
  version: Type.Union([VersionSchema, Type.Null()]),
  updatedAt: Type.Union([Iso, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Object({
    answeredWithinS: Sourced(Type.Integer()),
    abandonedWithinS: Sourced(Type.Integer()),
    targetPct: Sourced(Type.Number()),
    waiting: SourcedPair,
    longestWaitS: SourcedPair,
    answeredPct: SourcedPair,
    serviceLevelPct: SourcedPair,
  }),
});
export type QueueRow = Type.Static<typeof QueueRowSchema>;

export const QueuesReplySchema = Type.Object({
  queues: Type.Array(QueueRowSchema),
  /** VIGIE_MAX_SERVICE_LEVEL_PAIRS: distinct (answered, abandoned) pairs, the default's included. */
  maxServiceLevelPairs: Type.Integer({ minimum: 1 }),
  /** The distinct pairs in force now (each is one guide 4.3 request per poll). */
  serviceLevelPairs: Type.Integer({ minimum: 1 }),
});
export type QueuesReply = Type.Static<typeof QueuesReplySchema>;

// ── Ticker ──────────────────────────────────────────────────────────────────────────────────────

export const TickerFieldsSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 280 }),
    severity: Type.Union([Type.Literal('info'), Type.Literal('warning')]),
    expiresAt: Iso,
    /** The boards that show it; empty: every board. */
    boards: Type.Array(BoardIdSchema, { maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type TickerFields = Type.Static<typeof TickerFieldsSchema>;

export const TickerMessageSchema = Type.Intersect([
  Type.Object({ id: Type.String(), postedAt: Iso, postedBy: Type.String() }),
  TickerFieldsSchema,
  StampSchema,
]);
export type TickerMessage = Type.Static<typeof TickerMessageSchema>;

// ── Acknowledgements ────────────────────────────────────────────────────────────────────────────

export const AckFieldsSchema = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 280 })),
    /** A snooze: acknowledged until then (the alert sounds again after it if still active). */
    until: Type.Optional(Iso),
  },
  { additionalProperties: false },
);
export type AckFields = Type.Static<typeof AckFieldsSchema>;

export const AcknowledgementSchema = Type.Object({
  alertId: Type.String(),
  by: Type.String(),
  at: Iso,
  note: Type.Union([Type.String(), Type.Null()]),
  until: Type.Union([Iso, Type.Null()]),
});
export type Acknowledgement = Type.Static<typeof AcknowledgementSchema>;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────

export const AuditActionSchema = Type.Union([
  Type.Literal('create'),
  Type.Literal('update'),
  Type.Literal('delete'),
  Type.Literal('import'),
]);

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  at: Iso,
  actor: Type.String(),
  kind: SettingsKindSchema,
  id: Type.String(),
  action: AuditActionSchema,
  /** The document before and after (secrets never: a screen's token is not in it). */
  before: Type.Union([Type.Unknown(), Type.Null()]),
  after: Type.Union([Type.Unknown(), Type.Null()]),
});
export type AuditEntry = Type.Static<typeof AuditEntrySchema>;

// GET /api/activity: the audit, newest first, a page at a time (supervisors).
export const ActivityQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  /** Entries before this seq (the next page). */
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  kind: Type.Optional(SettingsKindSchema),
});
export type ActivityQuery = Type.Static<typeof ActivityQuerySchema>;

export const ActivityReplySchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  /** The `before` of the next page; null at the first entry. */
  next: Type.Union([Type.Integer(), Type.Null()]),
});
export type ActivityReply = Type.Static<typeof ActivityReplySchema>;

// ── Export and import ───────────────────────────────────────────────────────────────────────────

/** One board in an export file: its id and fields (no stamp: the importing site makes its own). */
export const ExportedBoardSchema = Type.Object(
  { id: BoardIdSchema, ...BoardFieldsSchema.properties },
  { additionalProperties: false },
);
export type ExportedBoard = Type.Static<typeof ExportedBoardSchema>;

/** One queue's settings in an export file: the group id and the fields it sets. */
export const ExportedQueueSchema = Type.Object(
  { id: EntityIdSchema, ...QueueSettingsFieldsSchema.properties },
  { additionalProperties: false },
);
export type ExportedQueue = Type.Static<typeof ExportedQueueSchema>;

// GET /api/settings/export (the reply) and POST /api/settings/import (the body): boards and
// per-queue settings, for a second site or a backup. An import adds or replaces what it lists and
// leaves the rest; it is checked whole and refused whole.
export const SettingsExportSchema = Type.Object(
  {
    format: Type.Literal('vigie-settings'),
    version: Type.Literal(1),
    exportedAt: Iso,
    boards: Type.Array(ExportedBoardSchema, { maxItems: 500 }),
    queues: Type.Array(ExportedQueueSchema, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type SettingsExport = Type.Static<typeof SettingsExportSchema>;

export const SettingsImportReplySchema = Type.Object({
  boards: Type.Integer({ minimum: 0 }),
  queues: Type.Integer({ minimum: 0 }),
});
export type SettingsImportReply = Type.Static<typeof SettingsImportReplySchema>;
// ── Ticker routes ───────────────────────────────────────────────────────────────────────────────

/** POST /api/ticker takes TickerFieldsSchema (expiresAt in the future and at most 7 days away). */
export type TickerPostBody = TickerFields;

/** The longest a message may stay up (issue 13 §4): a week. */
export const TICKER_MAX_MS = 7 * 24 * 3600 * 1000;

/** PUT /api/ticker/:id: the fields to change (others kept), or `end: true` to take it down now. */
export const TickerUpdateBodySchema = Type.Object(
  {
    version: VersionSchema,
    text: Type.Optional(TickerFieldsSchema.properties.text),
    severity: Type.Optional(TickerFieldsSchema.properties.severity),
    expiresAt: Type.Optional(Iso),
    boards: Type.Optional(TickerFieldsSchema.properties.boards),
    end: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type TickerUpdateBody = Type.Static<typeof TickerUpdateBodySchema>;

export const TickerIdParamsSchema = Type.Object({
  id: Type.String({ pattern: '^t-[A-Za-z0-9_-]{6,40}$' }),
});

/** DELETE /api/ticker/:id?version= (and DELETE /api/rules?version=). */
export const VersionQuerySchema = Type.Object({ version: VersionSchema });

/** GET /api/ticker?board=: what that wall shows now (no board: the default board). */
export const TickerWallQuerySchema = Type.Object({ board: Type.Optional(BoardIdSchema) });

export const TickerWallReplySchema = Type.Object({
  board: BoardIdSchema,
  messages: Type.Array(TickerWallMessageSchema),
});
export type TickerWallReply = Type.Static<typeof TickerWallReplySchema>;

/** GET /api/ticker/messages: current and past messages, newest first, with who posted them. */
export const TickerListReplySchema = Type.Object({
  messages: Type.Array(TickerMessageSchema),
});
export type TickerListReply = Type.Static<typeof TickerListReplySchema>;

// ── Acknowledgement routes ──────────────────────────────────────────────────────────────────────

/** The longest snooze (issue 13 §5): a day. */
export const ACK_MAX_SNOOZE_MS = 24 * 3600 * 1000;

export const AlertIdParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
});

/**
 * GET /api/alerts/acks: the acknowledgements of the alerts active now, merged by id on the wall
 * and the supervisor view (kept out of the snapshot: its bytes stay as they were).
 */
export const AcksReplySchema = Type.Object({ acks: Type.Array(AcknowledgementSchema) });
export type AcksReply = Type.Static<typeof AcksReplySchema>;

// ── Alert rules edited in the browser ───────────────────────────────────────────────────────────

/**
 * GET /api/rules: the rules in force and where they come from (`file`: VIGIE_RULES_FILE or the
 * defaults; `ui`: stored from the browser, with its version). Rules are as the rules file reads.
 */
export const RulesReplySchema = Type.Object({
  source: Type.Union([Type.Literal('file'), Type.Literal('ui')]),
  rules: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  version: Type.Union([VersionSchema, Type.Null()]),
  updatedAt: Type.Union([Iso, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type RulesReply = Type.Static<typeof RulesReplySchema>;

/** PUT /api/rules: the whole list, checked by the rules file's own validator. */
export const RulesPutBodySchema = Type.Object(
  {
    /** The version read; null when the rules came from the file (nothing stored yet). */
    version: Type.Union([VersionSchema, Type.Null()]),
    rules: Type.Array(Type.Unknown(), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type RulesPutBody = Type.Static<typeof RulesPutBodySchema>;
