// Per-queue service levels and thresholds (issue 13 §3): the stored documents (kind `queue`, id the
// group id) over the file/env defaults, and what each consumer reads of them: the group poll's
// requests (one per distinct pair), each group's definition in the snapshot, the alert rules'
// limits and the gauges' marks.
import {
  QueueSettingsFieldsSchema,
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
export type ThresholdField = keyof typeof FIGURE_OF;
export const THRESHOLD_FIELDS = Object.keys(FIGURE_OF) as ThresholdField[];
export const figureOf = (f: ThresholdField): keyof GaugeMarks => FIGURE_OF[f];

/** The alert kinds whose limit is a queue threshold. */
const RULE_FIELD: Partial<Record<Rule['kind'], ThresholdField>> = {
  'longest-wait': 'longestWaitS',
  'service-level': 'serviceLevelPct',
  'answered-rate': 'answeredPct',
};

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
   * queue `id` given `fields` (null: back to the defaults) when a save is being checked.
   */
  pairs(change?: { id: number; fields: QueueSettingsFields | null }): ServiceLevelPair[] {
    const out = new Map<string, ServiceLevelPair>();
    const add = (p: ServiceLevelPair) =>
      out.set(pairKey(p), {
        answeredWithinS: p.answeredWithinS,
        abandonedWithinS: p.abandonedWithinS,
      });
    add(this.defaults);
    for (const [id, q] of this.docs) if (id !== change?.id) add(this.effective(id, q.fields));
    if (change?.fields) add(this.effective(change.id, change.fields));
    return [...out.values()];
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
