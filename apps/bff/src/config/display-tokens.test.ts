// Display tokens: the list as written in the environment or a file, what a bad entry says (never the token), the look-up.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../auth/session-cookie';
import { DisplayTokensError, findByToken, loadDisplayTokens, sameSecret } from './display-tokens';

const HALL = 'tvh-0123456789abcdef';
const FLOOR = 'tvf-!~#$%&()*+-./:;<=>?@[]^_`{|}0';

const fromEnv = (env: string) => loadDisplayTokens({ env, file: null });
const fromFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'vigie-tokens-')), 'tokens.txt');
  writeFileSync(file, text);
  return loadDisplayTokens({ env: 'ignored=when-a-file-is-given-0', file });
};

/** The error a list throws (the test fails if it does not). */
function errorOf(load: () => unknown): DisplayTokensError {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(DisplayTokensError);
    return err as DisplayTokensError;
  }
  throw new Error('expected a DisplayTokensError');
}

describe('display tokens', () => {
  it('reads name=token pairs from the variable, with their fingerprints', () => {
    const list = fromEnv(` tv-hall = ${HALL} ,TV floor.2=${FLOOR},, `);
    expect(list).toEqual([
      { name: 'tv-hall', token: HALL, fp: fingerprint(HALL) },
      { name: 'TV floor.2', token: FLOOR, fp: fingerprint(FLOOR) },
    ]);
    expect(loadDisplayTokens({ env: null, file: null })).toEqual([]);
    expect(fromEnv('')).toEqual([]);
  });

  it('reads a file one entry a line, with comments and blank lines, in preference to the variable', () => {
    const list = fromFile(`# wall screens\n\ntv-hall=${HALL}\n  # the floor\ntv-floor=${FLOOR}\n`);
    expect(list.map((d) => d.name)).toEqual(['tv-hall', 'tv-floor']);
  });

  it('names the variable and the entry of a bad list, never the token', () => {
    const cases: [string, RegExp][] = [
      [`tv-hall ${HALL}`, /entry 1: expected name=token/],
      [`-tv=${HALL}`, /entry "-tv": expected name=token/],
      [`${'n'.repeat(65)}=${HALL}`, /expected name=token/],
      [`a=${HALL},a=${FLOOR}`, /entry "a": the name is used twice/],
      [`a=${HALL},b=${HALL}`, /entry "b": the same token is given to two names/],
      [`a=short-token`, /entry "a": the token must be at least 16/],
      [`a=with space in it, ok`, /entry "a": the token must be/],
      [`a=${HALL}é`, /entry "a": the token must be/],
    ];
    for (const [env, message] of cases) {
      const err = errorOf(() => fromEnv(env));
      expect(err.variable).toBe('VIGIE_DISPLAY_TOKENS');
      expect(err.message).toMatch(/^VIGIE_DISPLAY_TOKENS: /);
      expect(err.message, env).toMatch(message);
      expect(err.message).not.toContain(HALL);
      expect(err.message).not.toContain('short-token');
    }
    const fileErr = errorOf(() => fromFile(`a=${HALL}\nb=tiny`));
    expect(fileErr.variable).toBe('VIGIE_DISPLAY_TOKENS_FILE');
    expect(fileErr.message).toMatch(/entry "b"/);
  });

  it('says which file it cannot read, and why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-tokens-'));
    const missing = join(dir, 'nope.txt');
    expect(errorOf(() => loadDisplayTokens({ env: null, file: missing })).message).toBe(
      `VIGIE_DISPLAY_TOKENS_FILE: cannot read ${missing} (ENOENT)`,
    );
    const locked = join(dir, 'locked.txt');
    writeFileSync(locked, `a=${HALL}`);
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0)
      expect(errorOf(() => loadDisplayTokens({ env: null, file: locked })).message).toContain(
        '(EACCES)',
      );
    expect(errorOf(() => loadDisplayTokens({ env: null, file: dir })).message).toContain(
      '(EISDIR)',
    );
  });

  it('finds the display a token belongs to, and nothing for another or a near one', () => {
    const list = fromEnv(`tv-hall=${HALL},tv-floor=${FLOOR}`);
    expect(findByToken(list, FLOOR)?.name).toBe('tv-floor');
    expect(findByToken(list, HALL)?.name).toBe('tv-hall');
    expect(findByToken(list, HALL.slice(0, -1))).toBeNull();
    expect(findByToken(list, `${HALL}0`)).toBeNull();
    expect(findByToken(list, '')).toBeNull();
    expect(findByToken([], HALL)).toBeNull();
    expect(sameSecret(HALL, HALL)).toBe(true);
    expect(sameSecret(HALL, FLOOR)).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
