// Alert rules edited in the browser (issue 13 §5): stored as kind `rules`, id `rules`, checked by
// the rules file's own validator (config/rules-file.ts) when written and again when read back.
import type { SettingsStore } from '../history/settings-store';
import { parseRules, RulesError, type Rule } from '../config/rules-file';
import type { CheckLog } from '../lib/checked-json';
import { BadParamError } from '../lib/errors';

export const RULES_ID = 'rules';

/**
 * The rules-file validator on a list from the browser; its first problem becomes a 400 naming the
 * field path (`rules[1].limit`), the whole list of problems in the message.
 */
export function checkRules(list: readonly unknown[]): Rule[] {
  try {
    return parseRules(JSON.stringify({ rules: list }), 'json', 'rules');
  } catch (err) {
    if (!(err instanceof RulesError)) throw err;
    const first = err.issues[0] ?? 'rules: invalid';
    throw new BadParamError(fieldOf(first), err.issues.join('; '));
  }
}

/** `rules[1] (id "x").limits.101: …` → `rules[1].limits.101`. */
function fieldOf(issue: string): string {
  const m = /^(rules\[\d+\])(?: \(id [^)]*\))?((?:\.[A-Za-z0-9_]+)*)/.exec(issue);
  return m ? `${m[1]}${m[2] ?? ''}` : 'rules';
}

export interface StoredRules {
  readonly rules: Rule[];
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** The stored override, or null (none, or one this version's validator refuses: logged). */
export async function storedRules(
  store: SettingsStore,
  log: CheckLog,
): Promise<StoredRules | null> {
  const doc = await store.get('rules', RULES_ID);
  if (!doc) return null;
  const list = (doc.value as { rules?: unknown } | null)?.rules;
  try {
    if (!Array.isArray(list)) throw new RulesError('stored rules', ['not a list of rules']);
    return {
      rules: parseRules(JSON.stringify({ rules: list }), 'json', 'stored rules'),
      version: doc.version,
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
    };
  } catch (err) {
    log.warn(
      { problems: err instanceof RulesError ? err.issues.slice(0, 3) : [String(err)] },
      'the rules stored from the browser do not validate: using the rules file',
    );
    return null;
  }
}
