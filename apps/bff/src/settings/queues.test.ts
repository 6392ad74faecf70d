import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { defaultRules } from '../config/rules-file';
import type { StoredDoc } from '../history/settings-store';
import { QueueSettings } from './queues';

const config = loadConfig({ SERVICE_LEVEL_ANSWERED_WITHIN_S: '30', THRESHOLD_WAITING: '4,9' });
const doc = (id: number, value: unknown, version = 1): StoredDoc => ({
  kind: 'queue',
  id: String(id),
  version,
  updatedAt: '2026-12-02T10:32:00.000Z',
  updatedBy: 'alice',
  value,
});

function settings(docs: StoredDoc[]) {
  const warnings: string[] = [];
  const q = new QueueSettings(config, { warn: (_o, msg) => warnings.push(msg) });
  q.load(docs);
  return { q, warnings };
}

describe('QueueSettings', () => {
  it('plans one request per distinct pair: the default for every group, the others by group', () => {
    const { q } = settings([
      doc(102, { answeredWithinS: 20 }),
      doc(104, { answeredWithinS: 20 }),
      doc(103, { abandonedWithinS: 5, waiting: [1, 2] }),
    ]);
    expect(q.requests()).toEqual([
      { answeredWithinS: 30, abandonedWithinS: 5, groups: null },
      { answeredWithinS: 20, abandonedWithinS: 5, groups: [102, 104] },
    ]);
    expect(q.pairs()).toHaveLength(2);
    expect(q.pairs({ id: 102, fields: { answeredWithinS: 25 } })).toHaveLength(3);
    // 104 keeps 20/5: moving 102 back to the defaults leaves two pairs.
    expect(q.pairs({ id: 102, fields: null })).toHaveLength(2);
  });

  it('puts a queue’s thresholds into the rules’ limits and the gauge marks, for that group only', () => {
    const { q } = settings([doc(102, { longestWaitS: [20, 40], waiting: [1, 2] })]);
    const base = defaultRules(config.thresholds);
    const rules = q.rules(base);
    const lw = rules.filter((r) => r.kind === 'longest-wait');
    expect(lw.map((r) => ('limits' in r ? r.limits['102'] : null))).toEqual([20, 40]);
    expect(lw.map((r) => ('limits' in r ? r.limits['101'] : null))).toEqual([undefined, undefined]);
    expect(q.rules(base)).toBe(rules); // cached until the next load
    expect(q.gaugeMarks(base)(102).longestWaitSeconds).toEqual({ warning: 20, critical: 40 });
    expect(q.gaugeMarks(base)(102).waiting).toEqual({ warning: 1, critical: 2 });
    expect(q.gaugeMarks(base)(101).waiting).toEqual({ warning: 4, critical: 9 });
  });

  it('says where each value comes from; a damaged document counts as absent', () => {
    const { q, warnings } = settings([doc(102, { answeredWithinS: 20 }), doc(103, { x: 1 })]);
    const row = q.row(102, 'Support');
    expect(row.fields.answeredWithinS).toEqual({
      value: 20,
      source: 'ui',
      updatedBy: 'alice',
      updatedAt: '2026-12-02T10:32:00.000Z',
    });
    expect(row.fields.waiting).toEqual({
      value: [4, 9],
      source: 'env',
      variable: 'THRESHOLD_WAITING',
    });
    expect(row.fields.targetPct).toEqual({
      value: 80,
      source: 'default',
      variable: 'VIGIE_SERVICE_LEVEL_TARGET_PCT',
    });
    expect(q.row(103, 'Sales').version).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(q.serviceLevelOf(103)).toEqual({
      answeredWithinS: 30,
      abandonedWithinS: 5,
      targetPct: 80,
    });
  });
});
