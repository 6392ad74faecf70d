// Per-queue service levels and thresholds (issue 13 §3): the stored documents (kind `queue`, id the
// group id) over the file/env defaults, and what each consumer reads of them: the group poll's
// requests (one per distinct pair), each group's definition in the snapshot, the alert rules'
// limits and the gauges' marks.
import {
  QueueSettingsFieldsSchema,
  thresholdOrderProblem,
  type GaugeMarks,
  type GroupServiceLevel,
  type QueueField,
  type QueueRow,
  type QueueSettingsFields,
  type Threshold,
} from '@vigie/contract';
import { gaugeMarksFor } from '../alerts/gauge-marks';
import type { Config } from '../config/env';
import { QUEUE_DEFAULT_VARIABLES } from '../config/env';
import type { Rule } from '../config/rules-file';
import type { StoredDoc } from '../history/settings-store';
import { checked, type CheckLog } from '../lib/checked-json';
import { BadParamError } from '../lib/errors';
import type { ServiceLevelRequest } from '../upstream/poller';
import type { ServiceLevelPair } from '../upstream/source';

type Pair = [number, number];

/** A queue's values once the defaults fill what it does not set. */
export interface QueueEffective {
  answeredWithinS: number;
  abandonedWithinS: number;
  targetPct: number;
  waiting: Pair;
  longestWaitS: Pair;
  answeredPct: Pair;
  serviceLevelPct: Pair;
}

interface StoredQueue {
  fields: QueueSettingsFields;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** The threshold fields and the snapshot's figure each one colours. */
const FIGURE_OF = {
  waiting: 'waiting',
  longestWaitS: 'longestWaitSeconds',
  answeredPct: 'answeredPercent',
  serviceLevelPct: 'serviceLevelPercent',
} as const satisfies Record<string, keyof GaugeMarks>;
type ThresholdField = keyof typeof FIGURE_OF;
const THRESHOLD_FIELDS = Object.keys(FIGURE_OF) as ThresholdField[];

/** The alert kinds whose limit is a queue threshold. */
const RULE_FIELD: Partial<Record<Rule['kind'], ThresholdField>> = {
  'longest-wait': 'longestWaitS',
  'service-level': 'serviceLevelPct',
  'answered-rate': 'answeredPct',
};

/** A queue's fields as a save would store them (null: back to the defaults). */
export interface QueueChange {
  id: number;
  fields: QueueSettingsFields | null;
}

const pairOf = (t: Threshold): Pair => [t.warning, t.critical];
const pairKey = (p: ServiceLevelPair): string => `${p.answeredWithinS}/${p.abandonedWithinS}`;

export class QueueSettings {
  private docs = new Map<number, StoredQueue>();
  /** +1 at each reload: caches keyed on it follow a change. */
  private revision = 0;
  private rulesCache: { revision: number; base: readonly Rule[]; rules: readonly Rule[] } | null =
    null;
  private marksCache: {
    revision: number;
    base: readonly Rule[];
    marks: (id: number) => GaugeMarks;
  } | null = null;
  readonly defaults: QueueEffective;

  constructor(
    private readonly config: Pick<Config, 'serviceLevel' | 'thresholds'> & {
      intelligence: Pick<Config['intelligence'], 'serviceLevelTargetPercent'>;
    },
    private readonly log: CheckLog,
  ) {
    const t = config.thresholds;
    this.defaults = Object.freeze({
      answeredWithinS: config.serviceLevel.answeredWithinSeconds,
      abandonedWithinS: config.serviceLevel.abandonedWithinSeconds,
      targetPct: config.intelligence.serviceLevelTargetPercent,
      waiting: pairOf(t.waiting),
      longestWaitS: pairOf(t.longestWaitSeconds),
      answeredPct: pairOf(t.answeredPercent),
      serviceLevelPct: pairOf(t.serviceLevelPercent),
    });
  }

  get maxPairs(): number {
    return this.config.serviceLevel.maxPairs;
  }

  /** The stored documents, each checked again (a damaged one counts as absent, with a warning). */
  load(docs: readonly StoredDoc[]): void {
    const next = new Map<number, StoredQueue>();
    for (const d of docs) {
      const id = Number(d.id);
      const fields = checked(QueueSettingsFieldsSchema, d.value, this.log, `queue ${d.id}`);
      if (!Number.isSafeInteger(id) || fields === null) continue;
      next.set(id, {
        fields,
        version: d.version,
        updatedAt: d.updatedAt,
        updatedBy: d.updatedBy,
      });
    }
    this.docs = next;
    this.revision += 1;
  }

  stored(id: number): StoredQueue | undefined {
    return this.docs.get(id);
  }

  effective(id: number, fields: QueueSettingsFields | undefined = this.docs.get(id)?.fields) {
    return { ...this.defaults, ...fields } as QueueEffective;
  }

  serviceLevelOf(id: number): GroupServiceLevel {
    const e = this.effective(id);
    return {
      answeredWithinS: e.answeredWithinS,
      abandonedWithinS: e.abandonedWithinS,
      targetPct: e.targetPct,
    };
  }

  /**
   * The distinct pairs, the default's always among them (its call asks for every group), with
   * the queues of `change` given their new fields when a save is being checked.
   */
  pairs(change?: QueueChange | readonly QueueChange[]): ServiceLevelPair[] {
    const changes: readonly QueueChange[] =
      change === undefined ? [] : 'id' in change ? [change] : change;
    const out = this.basePairs(new Set(changes.map((c) => c.id)));
    for (const c of changes)
      if (c.fields)
        out.set(pairKey(this.effective(c.id, c.fields)), this.pairOfQueue(c.id, c.fields));
    return [...out.values()];
  }

  private pairOfQueue(id: number, fields: QueueSettingsFields | undefined): ServiceLevelPair {
    const e = this.effective(id, fields);
    return { answeredWithinS: e.answeredWithinS, abandonedWithinS: e.abandonedWithinS };
  }

  /** The default's pair and those of the stored queues, but for the queues in `without`. */
  private basePairs(without: ReadonlySet<number>): Map<string, ServiceLevelPair> {
    const out = new Map<string, ServiceLevelPair>();
    out.set(pairKey(this.defaults), this.pairOfQueue(-1, {}));
    for (const [id, q] of this.docs)
      if (!without.has(id))
        out.set(pairKey(this.effective(id, q.fields)), this.pairOfQueue(id, q.fields));
    return out;
  }

  /**
   * The checks the schema cannot make, for PUT /api/queues/:id and an import alike: each
   * threshold in its figure's order, and the budget of pairs (VIGIE_MAX_SERVICE_LEVEL_PAIRS) once
   * every change is made. A 400 names the field, under the change's `path` (`queues[0]`) if any.
   */
  check(changes: readonly (QueueChange & { fields: QueueSettingsFields; path?: string })[]): void {
    const at = (c: { path?: string }, f: string) => (c.path ? `${c.path}.${f}` : f);
    for (const c of changes) {
      const e = this.effective(c.id, c.fields);
      for (const f of THRESHOLD_FIELDS) {
        const [warning, critical] = e[f];
        // Checked on the effective pair, so half a change against the default is caught as well.
        const problem = thresholdOrderProblem(FIGURE_OF[f], { warning, critical });
        if (problem && c.fields[f] !== undefined)
          throw new BadParamError(at(c, f), `${at(c, f)}: ${problem}`);
      }
    }
    // Added one change at a time: the one that goes over the budget is the one named.
    const pairs = this.basePairs(new Set(changes.map((c) => c.id)));
    const max = this.maxPairs;
    for (const c of changes) {
      const e = this.effective(c.id, c.fields);
      pairs.set(pairKey(e), this.pairOfQueue(c.id, c.fields));
      if (pairs.size <= max) continue;
      const field = at(
        c,
        c.fields.answeredWithinS !== undefined ? 'answeredWithinS' : 'abandonedWithinS',
      );
      throw new BadParamError(
        field,
        `${field}: ${e.answeredWithinS} s / ${e.abandonedWithinS} s would be service-level pair ${pairs.size} of at most ${max} (VIGIE_MAX_SERVICE_LEVEL_PAIRS): each pair is one more guide 4.3 request per poll; reuse the pair of another queue`,
      );
    }
  }

  /**
   * The group poll's requests: the default pair for every group (no `group_id`: it costs one call
   * either way and a new group has figures at once), then one per other pair for its groups only.
   */
  requests(): ServiceLevelRequest[] {
    const byPair = new Map<string, ServiceLevelRequest>();
    const d = this.defaults;
    byPair.set(pairKey(d), {
      answeredWithinS: d.answeredWithinS,
      abandonedWithinS: d.abandonedWithinS,
      groups: null,
    });
    for (const [id, q] of [...this.docs].sort((a, b) => a[0] - b[0])) {
      const e = this.effective(id, q.fields);
      const key = pairKey(e);
      const r = byPair.get(key);
      if (r === undefined)
        byPair.set(key, {
          answeredWithinS: e.answeredWithinS,
          abandonedWithinS: e.abandonedWithinS,
          groups: [id],
        });
      else if (r.groups !== null) (r.groups as number[]).push(id);
    }
    return [...byPair.values()];
  }

  /** The alert rules with each queue's thresholds as that group's limit (the UI's value wins). */
  rules(base: readonly Rule[]): readonly Rule[] {
    const c = this.rulesCache;
    if (c && c.revision === this.revision && c.base === base) return c.rules;
    const rules = base.map((rule): Rule => {
      const field = RULE_FIELD[rule.kind];
      if (!field || !('limits' in rule)) return rule;
      const limits = { ...rule.limits };
      const at = rule.severity === 'warning' ? 0 : 1;
      for (const [id, q] of this.docs) {
        const set = q.fields[field];
        if (set === undefined || (rule.groups !== null && !rule.groups.includes(id))) continue;
        limits[String(id)] = set[at];
      }
      return { ...rule, limits };
    });
    this.rulesCache = { revision: this.revision, base, rules };
    return rules;
  }

  /** Where each group's gauges turn amber and red: the rules' limits, then the queue's own values. */
  gaugeMarks(base: readonly Rule[]): (id: number) => GaugeMarks {
    const c = this.marksCache;
    if (c && c.revision === this.revision && c.base === base) return c.marks;
    const fromRules = gaugeMarksFor(this.rules(base), this.config.thresholds);
    const cache = new Map<number, GaugeMarks>();
    const marks = (id: number): GaugeMarks => {
      const hit = cache.get(id);
      if (hit) return hit;
      const m = { ...fromRules(id) };
      const fields = this.docs.get(id)?.fields;
      for (const f of THRESHOLD_FIELDS) {
        const set = fields?.[f];
        if (set !== undefined) m[FIGURE_OF[f]] = { warning: set[0], critical: set[1] };
      }
      cache.set(id, m);
      return m;
    };
    this.marksCache = { revision: this.revision, base, marks };
    return marks;
  }

  /** One queue as the settings page shows it: every value with where it comes from. */
  row(id: number, name: string): QueueRow {
    const q = this.docs.get(id);
    const e = this.effective(id);
    const fromEnv = this.config.serviceLevel.fromEnv;
    const sourced = <F extends QueueField>(f: F) => {
      const value = e[f];
      if (q && q.fields[f] !== undefined)
        return { value, source: 'ui' as const, updatedBy: q.updatedBy, updatedAt: q.updatedAt };
      const variable = QUEUE_DEFAULT_VARIABLES[f];
      return {
        value,
        source: fromEnv.includes(variable) ? ('env' as const) : ('default' as const),
        variable,
      };
    };
    return {
      id,
      name,
      version: q?.version ?? null,
      updatedAt: q?.updatedAt ?? null,
      updatedBy: q?.updatedBy ?? null,
      fields: {
        answeredWithinS: sourced('answeredWithinS'),
        abandonedWithinS: sourced('abandonedWithinS'),
        targetPct: sourced('targetPct'),
        waiting: sourced('waiting'),
        longestWaitS: sourced('longestWaitS'),
        answeredPct: sourced('answeredPct'),
        serviceLevelPct: sourced('serviceLevelPct'),
      },
    };
  }
}
