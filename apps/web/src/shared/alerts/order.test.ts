import type { Alert, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import {
  alertAgeSeconds,
  alertsOf,
  fitAlerts,
  severityBySubject,
  sortAlerts,
  worstSeverity,
} from './order';

const alert = (id: string, severity: Alert['severity'], since: string, subject = 'group:1') => {
  const [kind, sid] = subject.split(':') as ['group' | 'operator', string];
  return {
    id,
    rule: 'r',
    kind: 'queue-unattended',
    severity,
    subject: { kind, id: sid },
    since,
    figures: {},
  } satisfies Alert;
};

describe('alert order and overflow', () => {
  it('puts critical first, then the oldest, then by id', () => {
    const sorted = sortAlerts([
      alert('w-old', 'warning', '2026-03-02T08:00:00Z'),
      alert('c-new', 'critical', '2026-03-02T09:30:00Z'),
      alert('c-old-b', 'critical', '2026-03-02T09:00:00Z'),
      alert('c-old-a', 'critical', '2026-03-02T09:00:00Z'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['c-old-a', 'c-old-b', 'c-new', 'w-old']);
  });

  it('shows every alert that fits, else keeps the last slot for "+N more"', () => {
    const list = ['a', 'b', 'c', 'd', 'e'];
    expect(fitAlerts(list, 5)).toEqual({ shown: list, more: 0 });
    expect(fitAlerts(list, 8)).toEqual({ shown: list, more: 0 });
    expect(fitAlerts(list, 4)).toEqual({ shown: ['a', 'b', 'c'], more: 2 });
    expect(fitAlerts(list, 1)).toEqual({ shown: [], more: 5 });
    expect(fitAlerts(list, 0)).toEqual({ shown: [], more: 5 });
    expect(fitAlerts([], 3)).toEqual({ shown: [], more: 0 });
  });

  it('marks each subject with its worst severity', () => {
    const marks = severityBySubject([
      alert('1', 'warning', '2026-03-02T09:00:00Z', 'group:1'),
      alert('2', 'critical', '2026-03-02T09:00:00Z', 'group:1'),
      alert('3', 'warning', '2026-03-02T09:00:00Z', 'operator:1010'),
    ]);
    expect(marks.get('group:1')).toBe('critical');
    expect(marks.get('operator:1010')).toBe('warning');
    expect(marks.get('group:2')).toBeUndefined();
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([alert('3', 'warning', '2026-03-02T09:00:00Z')])).toBe('warning');
  });

  it('reads no alerts from a snapshot without the field, and never a negative age', () => {
    expect(alertsOf(undefined)).toEqual([]);
    expect(alertsOf({} as Snapshot)).toEqual([]);
    const a = alert('1', 'warning', '2026-03-02T09:00:00Z');
    expect(alertsOf({ alerts: [a] } as unknown as Snapshot)).toEqual([a]);
    const at = Date.parse('2026-03-02T09:01:30Z');
    expect(alertAgeSeconds(a, at)).toBe(90);
    expect(alertAgeSeconds(a, at - 3_600_000)).toBe(0);
  });
});
