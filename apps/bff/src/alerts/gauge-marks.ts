// Where each group's gauges turn amber and red: the alert rules' limits for that group, so the marks
// drawn on the wall are the lines the alerts fire at; the board's thresholds where no rule says.
import type { BoardConfig, GaugeMarks } from '@vigie/contract';
import type { Rule } from '../config/rules-file';

type Figure = keyof GaugeMarks;

/** The rule kinds that compare one group figure with a limit, and which way is worse. */
const FIGURE_OF: Partial<Record<Rule['kind'], { figure: Figure; worse: 'above' | 'below' }>> = {
  'longest-wait': { figure: 'longestWaitSeconds', worse: 'above' },
  'service-level': { figure: 'serviceLevelPercent', worse: 'below' },
  'answered-rate': { figure: 'answeredPercent', worse: 'below' },
};

export function gaugeMarksFor(
  rules: readonly Rule[],
  thresholds: BoardConfig['thresholds'],
): (groupId: number) => GaugeMarks {
  const cache = new Map<number, GaugeMarks>();
  return (groupId) => {
    const hit = cache.get(groupId);
    if (hit) return hit;
    const marks: Record<Figure, { warning: number; critical: number }> = {
      longestWaitSeconds: { ...thresholds.longestWaitSeconds },
      serviceLevelPercent: { ...thresholds.serviceLevelPercent },
      answeredPercent: { ...thresholds.answeredPercent },
      waiting: { ...thresholds.waiting },
    };
    const set = new Set<string>();
    for (const rule of rules) {
      const f = 'limit' in rule ? FIGURE_OF[rule.kind] : undefined;
      if (!f || !('limit' in rule)) continue;
      if ('groups' in rule && rule.groups !== null && !rule.groups.includes(groupId)) continue;
      const limit = rule.limits[String(groupId)] ?? rule.limit;
      const key = `${f.figure}.${rule.severity}`;
      const prev = marks[f.figure][rule.severity];
      // Two rules of one severity on one figure: the mark is where the first of them fires.
      const strictest = f.worse === 'above' ? Math.min(prev, limit) : Math.max(prev, limit);
      marks[f.figure][rule.severity] = set.has(key) ? strictest : limit;
      set.add(key);
    }
    cache.set(groupId, marks);
    return marks;
  };
}
