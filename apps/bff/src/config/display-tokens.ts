// Display tokens (`name=token,…` from VIGIE_DISPLAY_TOKENS or VIGIE_DISPLAY_TOKENS_FILE): parsed, validated, looked up.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fingerprint } from '../auth/session-cookie';

const MIN_TOKEN_CHARS = 16;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const TOKEN = /^[\x21-\x7e]+$/; // printable ASCII without spaces: what fits in a URL and a header

export interface DisplayToken {
  readonly name: string;
  readonly token: string;
  /** sha256(token) prefix: what the display cookie carries instead of the token. */
  readonly fp: string;
}

/** A malformed list: the message names the variable and the entry, never the token. */
export class DisplayTokensError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'DisplayTokensError';
  }
}

/** `name=token` entries separated by commas (or new lines in a file); blank entries are ignored. */
function parseDisplayTokens(text: string, variable: string): DisplayToken[] {
  const out: DisplayToken[] = [];
  const names = new Set<string>();
  const tokens = new Set<string>();
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'));
  for (const [i, entry] of entries.entries()) {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? '' : entry.slice(0, eq).trim();
    const token = eq < 0 ? '' : entry.slice(eq + 1).trim();
    const where = name ? `entry "${name}"` : `entry ${i + 1}`;
    if (eq < 0 || !NAME.test(name))
      throw new DisplayTokensError(
        variable,
        `${where}: expected name=token, the name made of letters, digits, space, ".", "_" or "-" (at most 64)`,
      );
    if (names.has(name)) throw new DisplayTokensError(variable, `${where}: the name is used twice`);
    if (token.length < MIN_TOKEN_CHARS || !TOKEN.test(token))
      throw new DisplayTokensError(
        variable,
        `${where}: the token must be at least ${MIN_TOKEN_CHARS} printable characters without spaces or commas`,
      );
    if (tokens.has(token))
      throw new DisplayTokensError(variable, `${where}: the same token is given to two names`);
    names.add(name);
    tokens.add(token);
    out.push({ name, token, fp: fingerprint(token) });
  }
  return out;
}

export interface DisplayTokenSource {
  /** The variable's text, when the tokens come from the environment (they change at restart). */
  readonly env: string | null;
  /** A file re-read at each reload (SIGHUP). */
  readonly file: string | null;
}

export function loadDisplayTokens(src: DisplayTokenSource): DisplayToken[] {
  if (src.file !== null) {
    let text: string;
    try {
      text = readFileSync(src.file, 'utf8');
    } catch (err) {
      throw new DisplayTokensError(
        'VIGIE_DISPLAY_TOKENS_FILE',
        `cannot read ${src.file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    return parseDisplayTokens(text, 'VIGIE_DISPLAY_TOKENS_FILE');
  }
  return src.env === null ? [] : parseDisplayTokens(src.env, 'VIGIE_DISPLAY_TOKENS');
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Equal secrets, compared in constant time on digests (so lengths say nothing either). */
export const sameSecret = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/** The display a token belongs to; every entry is compared so timing says nothing. */
export function findByToken(list: readonly DisplayToken[], token: string): DisplayToken | null {
  let found: DisplayToken | null = null;
  for (const d of list) if (sameSecret(d.token, token) && !found) found = d;
  return found;
}
