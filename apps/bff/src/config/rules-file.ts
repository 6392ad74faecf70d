// Alert rules: the file format (VIGIE_RULES_FILE, YAML or JSON), its validation, and the defaults.
//
// A file is a list of rules, or `{ rules: [...] }`. Each rule:
//   id        unique name (letters, digits, `.`, `_`, `-`); it appears in alert ids and the history
//   kind      queue-unattended | longest-wait | service-level | answered-rate | operator-state | upstream-stale
//   severity  warning | critical (default warning)
//   for       seconds the condition must hold before the alert is raised (default per kind)
//   clearFor  seconds the condition must be false before the alert clears (default per kind)
//   groups    optional list of group ids the rule is limited to (not for upstream-stale)
//   limit     longest-wait, operator-state: seconds; service-level, answered-rate: a % under which
//             the rule fires
//   limits    optional per-group limits: { "<groupId>": number }
//   window    service-level, answered-rate: seconds of the sliding average (default 900)
//   state     operator-state: ringing | calling | connected | unavailable; or instead
//   breakName operator-state: a named break ("*" for any break)
//   polls     upstream-stale: how many poll periods of age make a source stale (default 2)
// Every error names the rule and the field: `rules[2] (id "long-ringing").limit: expected …`.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import Type from 'typebox';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import {
  ALERT_KINDS,
  DEFAULT_THRESHOLDS,
  type AlertKind,
  type AlertSeverity,
} from '@vigie/contract';

// The parsed rules as TypeBox schemas: the types the engine reads are their Static types, and each
// rule the checks below let through is checked against them once more (a field a later change
// forgets to check is refused, not passed on).
const Seconds = Type.Number({ minimum: 0 });
const RuleBaseFields = {
  id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  severity: Type.Union([Type.Literal('warning'), Type.Literal('critical')]),
  for: Seconds,
  clearFor: Seconds,
};
/** null: every group. */
const GroupsField = { groups: Type.Union([Type.Array(Type.Integer()), Type.Null()]) };
/** `limits`: per-group overrides of `limit`, keyed by group id. */
const LimitedFields = {
  limit: Type.Number(),
  limits: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Number()),
};
const OperatorRuleStateSchema = Type.Union([
  Type.Literal('ringing'),
  Type.Literal('calling'),
  Type.Literal('connected'),
  Type.Literal('unavailable'),
]);
const closed = { additionalProperties: false } as const;
const QueueUnattendedRuleSchema = Type.Object(
  { ...RuleBaseFields, ...GroupsField, kind: Type.Literal('queue-unattended') },
  closed,
);
const LongestWaitRuleSchema = Type.Object(
  { ...RuleBaseFields, ...GroupsField, ...LimitedFields, kind: Type.Literal('longest-wait') },
  closed,
);
const WindowedRuleSchema = Type.Object(
  {
    ...RuleBaseFields,
    ...GroupsField,
    ...LimitedFields,
    kind: Type.Union([Type.Literal('service-level'), Type.Literal('answered-rate')]),
    /** Seconds of the sliding average. */
    window: Type.Number({ exclusiveMinimum: 0 }),
  },
  closed,
);
const OperatorStateRuleSchema = Type.Object(
  {
    ...RuleBaseFields,
    ...GroupsField,
    ...LimitedFields,
    kind: Type.Literal('operator-state'),
    /** Exactly one of `state` and `breakName` is set; breakName `*` is any break. */
    state: Type.Union([OperatorRuleStateSchema, Type.Null()]),
    breakName: Type.Union([Type.String(), Type.Null()]),
  },
  closed,
);
const UpstreamStaleRuleSchema = Type.Object(
  { ...RuleBaseFields, kind: Type.Literal('upstream-stale'), polls: Type.Number() },
  closed,
);
const RuleSchema = Type.Union([
  QueueUnattendedRuleSchema,
  LongestWaitRuleSchema,
  WindowedRuleSchema,
  OperatorStateRuleSchema,
  UpstreamStaleRuleSchema,
]);

export type WindowedRule = Type.Static<typeof WindowedRuleSchema>;
export type OperatorStateRule = Type.Static<typeof OperatorStateRuleSchema>;
export type Rule = Type.Static<typeof RuleSchema>;

/** `available` has nothing to alert on; catch-up is not in the snapshot (see `parseRules`). */
const OPERATOR_RULE_STATES = ['ringing', 'calling', 'connected', 'unavailable'] as const;
type OperatorRuleState = Type.Static<typeof OperatorRuleStateSchema>;

export type RulesFormat = 'yaml' | 'json';

/** The rules file does not validate: `issues` holds one line per problem, each naming rule and field. */
export class RulesError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`${source}: ${issues.length === 1 ? issues[0] : `\n  ${issues.join('\n  ')}`}`);
    this.name = 'RulesError';
  }
}

/** Debounce per kind when the file says nothing: long enough not to flap on a 15 s poll. */
const DEFAULT_TIMING: Record<AlertKind, { for: number; clearFor: number }> = {
  'queue-unattended': { for: 15, clearFor: 30 },
  'longest-wait': { for: 0, clearFor: 30 },
  'service-level': { for: 60, clearFor: 120 },
  'answered-rate': { for: 60, clearFor: 120 },
  // The limit is itself a duration, so no further delay is needed to raise.
  'operator-state': { for: 0, clearFor: 15 },
  // Issue 12.6: fresh figures are a fact, not a flap: the stale alert clears on the first fresh
  // answer, as the banner does, instead of saying "1 min old" for a while after recovery.
  'upstream-stale': { for: 0, clearFor: 0 },
};
const DEFAULT_WINDOW_SECONDS = 900;
const DEFAULT_STALE_POLLS = 2;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const COMMON = ['id', 'kind', 'severity', 'for', 'clearFor'];
const FIELDS: Record<AlertKind, readonly string[]> = {
  'queue-unattended': [...COMMON, 'groups'],
  'longest-wait': [...COMMON, 'groups', 'limit', 'limits'],
  'service-level': [...COMMON, 'groups', 'limit', 'limits', 'window'],
  'answered-rate': [...COMMON, 'groups', 'limit', 'limits', 'window'],
  'operator-state': [...COMMON, 'groups', 'limit', 'limits', 'state', 'breakName'],
  'upstream-stale': [...COMMON, 'polls'],
};
const NULLABLE = ['groups', 'state', 'breakName'];
const isPercentKind = (k: AlertKind): boolean => k === 'service-level' || k === 'answered-rate';

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates one rule; pushes problems to `issues` and returns null when there are any. */
function parseRule(input: unknown, index: number, issues: string[]): Rule | null {
  const before = issues.length;
  const idText =
    isRecord(input) && typeof input['id'] === 'string' ? ` (id ${show(input['id'])})` : '';
  const at = `rules[${index}]${idText}`;
  const bad = (field: string, expected: string, value: unknown): void => {
    issues.push(`${at}.${field}: expected ${expected}, got ${show(value)}`);
  };
  if (!isRecord(input)) {
    issues.push(`${at}: expected a rule (a mapping with id and kind), got ${show(input)}`);
    return null;
  }
  // null means "not given" for the optional fields, so a parsed rule written back out reads the same.
  const raw: Record<string, unknown> = Object.fromEntries(
    Object.entries(input).filter(([k, v]) => !(v === null && NULLABLE.includes(k))),
  );

  const id = raw['id'];
  if (typeof id !== 'string' || !ID.test(id)) {
    bad('id', 'a name of letters, digits, ".", "_" or "-"', id);
  }
  const kind = raw['kind'];
  if (!ALERT_KINDS.includes(kind as AlertKind)) {
    bad('kind', `one of ${ALERT_KINDS.join(', ')}`, kind);
    return null;
  }
  const k = kind as AlertKind;
  for (const field of Object.keys(raw)) {
    if (!FIELDS[k].includes(field)) {
      issues.push(`${at}.${field}: unknown field for kind ${k} (known: ${FIELDS[k].join(', ')})`);
    }
  }

  const severity = raw['severity'] ?? 'warning';
  if (severity !== 'warning' && severity !== 'critical') {
    bad('severity', 'warning or critical', severity);
  }
  const seconds = (field: string, def: number, positive = false): number => {
    const v = raw[field] ?? def;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (positive && v === 0)) {
      bad(field, positive ? 'a positive number of seconds' : 'a number of seconds ≥ 0', v);
      return def;
    }
    return v;
  };
  const base = {
    id: id as string,
    severity: severity as AlertSeverity,
    for: seconds('for', DEFAULT_TIMING[k].for),
    clearFor: seconds('clearFor', DEFAULT_TIMING[k].clearFor),
  };

  if (k === 'upstream-stale') {
    const polls = raw['polls'] ?? DEFAULT_STALE_POLLS;
    if (typeof polls !== 'number' || !Number.isFinite(polls) || polls <= 0) {
      bad('polls', 'a positive number of poll periods', polls);
    }
    return issues.length > before ? null : { ...base, kind: k, polls: polls as number };
  }

  let groups: number[] | null = null;
  if (raw['groups'] !== undefined) {
    const g = raw['groups'];
    if (!Array.isArray(g) || g.length === 0 || !g.every((x) => Number.isInteger(x))) {
      bad('groups', 'a non-empty list of group ids', g);
    } else {
      groups = g as number[];
    }
  }
  if (k === 'queue-unattended') {
    return issues.length > before ? null : { ...base, kind: k, groups };
  }

  const limitOk = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && (isPercentKind(k) ? v >= 0 && v <= 100 : v > 0);
  const expectedLimit = isPercentKind(k) ? 'a % from 0 to 100' : 'a positive number of seconds';
  const limit = raw['limit'];
  if (!limitOk(limit)) bad('limit', expectedLimit, limit);
  const limits: Record<string, number> = {};
  if (raw['limits'] !== undefined) {
    const l = raw['limits'];
    if (!isRecord(l)) {
      bad('limits', 'a mapping of group id to limit', l);
    } else {
      for (const [key, v] of Object.entries(l)) {
        if (!/^\d+$/.test(key)) {
          issues.push(`${at}.limits.${key}: expected a group id as key, got ${show(key)}`);
        } else if (groups !== null && !groups.includes(Number(key))) {
          issues.push(`${at}.limits.${key}: group ${key} is not in this rule's groups`);
        } else if (!limitOk(v)) {
          bad(`limits.${key}`, expectedLimit, v);
        } else {
          limits[key] = v;
        }
      }
    }
  }
  const limited = { ...base, groups, limit: limit as number, limits };

  if (k === 'longest-wait') return issues.length > before ? null : { ...limited, kind: k };
  if (k === 'service-level' || k === 'answered-rate') {
    const window = seconds('window', DEFAULT_WINDOW_SECONDS, true);
    return issues.length > before ? null : { ...limited, kind: k, window };
  }

  // operator-state
  const state = raw['state'];
  const breakName = raw['breakName'];
  if (state !== undefined && breakName !== undefined) {
    issues.push(`${at}.breakName: give either state or breakName, not both`);
  } else if (state === undefined && breakName === undefined) {
    issues.push(`${at}.state: expected one of ${OPERATOR_RULE_STATES.join(', ')} (or a breakName)`);
  } else if (state !== undefined && !OPERATOR_RULE_STATES.includes(state as OperatorRuleState)) {
    // Catch-up is named in issue 7 but the snapshot has no such state; an account that models it
    // as a break can watch it through breakName.
    const hint = state === 'catch-up' ? ' (the snapshot has no catch-up state: use breakName)' : '';
    bad('state', `one of ${OPERATOR_RULE_STATES.join(', ')}${hint}`, state);
  } else if (breakName !== undefined && (typeof breakName !== 'string' || !breakName.trim())) {
    bad('breakName', 'the name of a break, or "*" for any break', breakName);
  }
  return issues.length > before
    ? null
    : {
        ...limited,
        kind: k,
        state: (state as OperatorRuleState | undefined) ?? null,
        breakName: typeof breakName === 'string' ? breakName.trim() : null,
      };
}

/** Parses and validates a rules document; throws `RulesError` listing every problem. */
export function parseRules(text: string, format: RulesFormat, source = 'rules'): Rule[] {
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new RulesError(source, [`not valid ${format.toUpperCase()}: ${(err as Error).message}`]);
  }
  const list = isRecord(doc) ? doc['rules'] : doc;
  if (!Array.isArray(list)) {
    throw new RulesError(source, [
      `expected a list of rules (or { rules: [...] }), got ${show(doc)}`,
    ]);
  }
  const issues: string[] = [];
  const rules: Rule[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((raw, i) => {
    const rule = parseRule(raw, i, issues);
    // Duplicates are checked on the raw id, so a broken first rule still claims its name.
    const id = isRecord(raw) && typeof raw['id'] === 'string' ? raw['id'] : null;
    const seen = id === null ? undefined : firstIndex.get(id);
    if (seen !== undefined) {
      issues.push(`rules[${i}] (id ${show(id)}).id: duplicate of rules[${seen}]`);
    } else if (id !== null) {
      firstIndex.set(id, i);
    }
    if (rule && !Value.Check(RuleSchema, rule)) {
      const e = Value.Errors(RuleSchema, rule)[0];
      issues.push(`rules[${i}]${e ? `${e.instancePath.replace(/\//g, '.')}: ${e.message}` : ''}`);
    } else if (rule) rules.push(rule);
  });
  if (issues.length > 0) throw new RulesError(source, issues);
  return rules;
}

interface ThresholdPair {
  readonly warning: number;
  readonly critical: number;
}
/** The board's colour thresholds (config.thresholds), reused so alerts agree with the tiles. */
export interface DefaultThresholds {
  readonly longestWaitSeconds: ThresholdPair;
  readonly serviceLevelPercent: ThresholdPair;
  readonly answeredPercent: ThresholdPair;
}

/** Rules when no file is given: every kind, with the board's own thresholds. */
export function defaultRules(thresholds: DefaultThresholds = DEFAULT_THRESHOLDS): Rule[] {
  const t = (k: AlertKind) => DEFAULT_TIMING[k];
  const all = { groups: null, limits: {} };
  const pair = (
    kind: 'longest-wait' | 'service-level' | 'answered-rate',
    p: ThresholdPair,
  ): Rule[] =>
    (['warning', 'critical'] as const).map((severity) =>
      kind === 'longest-wait'
        ? { id: `${kind}-${severity}`, kind, severity, ...t(kind), ...all, limit: p[severity] }
        : {
            id: `${kind}-${severity}`,
            kind,
            severity,
            ...t(kind),
            ...all,
            limit: p[severity],
            window: DEFAULT_WINDOW_SECONDS,
          },
    );
  const op = (
    id: string,
    limit: number,
    state: OperatorRuleState | null,
    breakName: string | null,
  ) =>
    ({
      id,
      kind: 'operator-state',
      severity: 'warning',
      ...t('operator-state'),
      ...all,
      limit,
      state,
      breakName,
    }) as const;
  return [
    {
      id: 'queue-unattended',
      kind: 'queue-unattended',
      severity: 'critical',
      ...t('queue-unattended'),
      groups: null,
    },
    ...pair('longest-wait', thresholds.longestWaitSeconds),
    ...pair('service-level', thresholds.serviceLevelPercent),
    ...pair('answered-rate', thresholds.answeredPercent),
    // A phone ringing for a minute is a missed call in the making; two minutes dialling is stuck.
    op('long-ringing', 60, 'ringing', null),
    op('long-calling', 120, 'calling', null),
    op('long-break', 30 * 60, null, '*'),
    {
      id: 'upstream-stale',
      kind: 'upstream-stale',
      severity: 'critical',
      ...t('upstream-stale'),
      polls: DEFAULT_STALE_POLLS,
    },
  ];
}

/**
 * The rules in force: from `path` (YAML, or JSON when it ends in `.json`) or the defaults when
 * `path` is undefined. Throws `RulesError` naming VIGIE_RULES_FILE when it cannot be read.
 */
export function loadRules(path: string | undefined, thresholds?: DefaultThresholds): Rule[] {
  if (path === undefined) return defaultRules(thresholds);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RulesError(`VIGIE_RULES_FILE (${path})`, [
      `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    ]);
  }
  const format: RulesFormat = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  return parseRules(text, format, `VIGIE_RULES_FILE (${path})`);
}
