import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ALERT_KINDS } from '@vigie/contract';
import { RulesError, defaultRules, loadRules, parseRules } from './rules-file';

const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message of the RulesError thrown by `fn`. */
function problems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError);
    return (err as RulesError).issues;
  }
  throw new Error('expected a RulesError');
}

const YAML = `
rules:
  - id: unattended
    kind: queue-unattended
    severity: critical
    for: 10
    clearFor: 20
  - id: long-wait
    kind: longest-wait
    limit: 120
    limits: { "7": 60 }
    groups: [7, 8]
  - id: sl
    kind: service-level
    limit: 80
    window: 600
  - id: answered
    kind: answered-rate
    limit: 90
  - id: long-ringing
    kind: operator-state
    state: ringing
    limit: 45
  - id: long-lunch
    kind: operator-state
    breakName: Déjeuner
    limit: 3600
  - id: stale
    kind: upstream-stale
    severity: critical
`;

describe('parseRules', () => {
  test('reads YAML with defaults filled in', () => {
    const rules = parseRules(YAML, 'yaml');
    expect(rules.map((r) => r.id)).toEqual([
      'unattended',
      'long-wait',
      'sl',
      'answered',
      'long-ringing',
      'long-lunch',
      'stale',
    ]);
    expect(rules[0]).toEqual({
      id: 'unattended',
      kind: 'queue-unattended',
      severity: 'critical',
      for: 10,
      clearFor: 20,
      groups: null,
    });
    expect(rules[1]).toMatchObject({
      severity: 'warning',
      limit: 120,
      limits: { '7': 60 },
      groups: [7, 8],
    });
    expect(rules[2]).toMatchObject({ window: 600 });
    expect(rules[3]).toMatchObject({ window: 900, for: 60, clearFor: 120 });
    expect(rules[4]).toMatchObject({ state: 'ringing', breakName: null, limit: 45 });
    expect(rules[5]).toMatchObject({ state: null, breakName: 'Déjeuner' });
    expect(rules[6]).toEqual({
      id: 'stale',
      kind: 'upstream-stale',
      severity: 'critical',
      for: 0,
      clearFor: 0,
      polls: 2,
    });
  });

  test('reads JSON, as a bare list too', () => {
    const json = JSON.stringify([{ id: 'w', kind: 'longest-wait', limit: 30, for: 5 }]);
    expect(parseRules(json, 'json')).toEqual([
      {
        id: 'w',
        kind: 'longest-wait',
        severity: 'warning',
        for: 5,
        clearFor: 30,
        groups: null,
        limit: 30,
        limits: {},
      },
    ]);
  });

  test('an error names the rule and the field', () => {
    const text = `
- { id: a, kind: queue-unattended }
- { id: b, kind: longest-wait, limit: 60 }
- { id: long-ringing, kind: operator-state, state: ringing, limit: -3 }
`;
    expect(problems(() => parseRules(text, 'yaml'))).toEqual([
      'rules[2] (id "long-ringing").limit: expected a positive number of seconds, got -3',
    ]);
  });

  test('every problem is reported, not just the first', () => {
    const text = JSON.stringify({
      rules: [
        { id: 'x', kind: 'service-level', limit: 120, window: 0, severity: 'loud' },
        { id: 'bad id', kind: 'nope' },
        {
          id: 'y',
          kind: 'longest-wait',
          limit: 10,
          clear_for: 5,
          groups: [1],
          limits: { '2': 5, a: 1 },
        },
        { id: 'x', kind: 'queue-unattended' },
        'not a rule',
        { id: 'z', kind: 'operator-state', limit: 10 },
        { id: 'zz', kind: 'operator-state', limit: 10, state: 'ringing', breakName: 'Lunch' },
        { id: 'cu', kind: 'operator-state', limit: 10, state: 'catch-up' },
        { id: 'f', kind: 'upstream-stale', for: -1, polls: 0, groups: [1] },
      ],
    });
    expect(problems(() => parseRules(text, 'json'))).toEqual([
      'rules[0] (id "x").severity: expected warning or critical, got "loud"',
      'rules[0] (id "x").limit: expected a % from 0 to 100, got 120',
      'rules[0] (id "x").window: expected a positive number of seconds, got 0',
      'rules[1] (id "bad id").id: expected a name of letters, digits, ".", "_" or "-", got "bad id"',
      'rules[1] (id "bad id").kind: expected one of ' + ALERT_KINDS.join(', ') + ', got "nope"',
      'rules[2] (id "y").clear_for: unknown field for kind longest-wait (known: id, kind, severity, for, clearFor, groups, limit, limits)',
      'rules[2] (id "y").limits.2: group 2 is not in this rule\'s groups',
      'rules[2] (id "y").limits.a: expected a group id as key, got "a"',
      'rules[3] (id "x").id: duplicate of rules[0]',
      'rules[4]: expected a rule (a mapping with id and kind), got "not a rule"',
      'rules[5] (id "z").state: expected one of ringing, calling, connected, unavailable (or a breakName)',
      'rules[6] (id "zz").breakName: give either state or breakName, not both',
      'rules[7] (id "cu").state: expected one of ringing, calling, connected, unavailable (the snapshot has no catch-up state: use breakName), got "catch-up"',
      'rules[8] (id "f").groups: unknown field for kind upstream-stale (known: id, kind, severity, for, clearFor, polls)',
      'rules[8] (id "f").for: expected a number of seconds ≥ 0, got -1',
      'rules[8] (id "f").polls: expected a positive number of poll periods, got 0',
    ]);
  });

  test('a rule without an id is named by its index alone', () => {
    expect(problems(() => parseRules('[{ kind: queue-unattended }]', 'yaml'))).toEqual([
      'rules[0].id: expected a name of letters, digits, ".", "_" or "-", got nothing',
    ]);
  });

  test('syntax errors and a wrong top level say what was expected', () => {
    expect(problems(() => parseRules('{ "rules": [', 'json'))[0]).toMatch(/^not valid JSON: /);
    expect(problems(() => parseRules('a: [b', 'yaml'))[0]).toMatch(/^not valid YAML: /);
    expect(problems(() => parseRules('rules: 3', 'yaml'))).toEqual([
      'expected a list of rules (or { rules: [...] }), got {"rules":3}',
    ]);
  });
});

describe('loadRules', () => {
  test('with no file, the defaults cover every kind and both severities', () => {
    const rules = loadRules(undefined);
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(ALERT_KINDS));
    expect(new Set(rules.map((r) => r.severity))).toEqual(new Set(['warning', 'critical']));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    // The defaults are themselves a valid rules file.
    expect(parseRules(JSON.stringify(rules), 'json')).toEqual(rules);
  });

  test('the defaults follow the board thresholds', () => {
    const rules = defaultRules({
      longestWaitSeconds: { warning: 30, critical: 90 },
      serviceLevelPercent: { warning: 85, critical: 70 },
      answeredPercent: { warning: 95, critical: 90 },
    });
    const limit = (id: string) => (rules.find((r) => r.id === id) as { limit: number }).limit;
    expect(limit('longest-wait-warning')).toBe(30);
    expect(limit('longest-wait-critical')).toBe(90);
    expect(limit('service-level-critical')).toBe(70);
    expect(limit('answered-rate-warning')).toBe(95);
  });

  test('reads YAML and JSON files by extension', () => {
    const yamlPath = join(dir, 'rules.yaml');
    const jsonPath = join(dir, 'rules.json');
    writeFileSync(yamlPath, YAML);
    writeFileSync(jsonPath, JSON.stringify(parseRules(YAML, 'yaml')));
    expect(loadRules(yamlPath)).toEqual(loadRules(jsonPath));
  });

  test('errors name VIGIE_RULES_FILE and the path', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => loadRules(missing)).toThrow(
      `VIGIE_RULES_FILE (${missing}): cannot be read: ENOENT`,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ id: 'w', kind: 'longest-wait' }]));
    expect(() => loadRules(bad)).toThrow(
      `VIGIE_RULES_FILE (${bad}): rules[0] (id "w").limit: expected a positive number of seconds, got nothing`,
    );
  });
});

describe('the rules schema', () => {
  test('the default rules, written to a file and read back, are the same rules', () => {
    const rules = defaultRules();
    expect(parseRules(JSON.stringify(rules), 'json')).toEqual(rules);
  });

  test('a fractional group id is refused, naming the rule and the field', () => {
    expect(() =>
      parseRules(JSON.stringify([{ id: 'q', kind: 'queue-unattended', groups: [1.5] }]), 'json'),
    ).toThrow(/rules\[0\] \(id "q"\)\.groups/);
  });
});
