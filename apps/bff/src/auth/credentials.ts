// The current users and display tokens: loaded, reloaded (SIGHUP, file change), checked, and revoked on change.
import { createHmac, randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Principal } from '@vigie/contract';
import type { AuthConfig } from '../config/env';
import { findByToken, loadDisplayTokens, type DisplayToken } from '../config/display-tokens';
import { DEFAULT_SCRYPT, decoyHash, verifyPassword, type ParsedHash } from './password';
import {
  fingerprint,
  purposeKey,
  readDisplay,
  readSession,
  sign,
  type DisplayClaims,
  type SessionClaims,
} from './session-cookie';
import { loadUsersFile, type User } from '../config/users-file';
import { screenCookieKey, type ScreenDirectory } from '../settings/screens';

/** A screen a token or cookie names: from the tokens file/env, or made in the browser (issue 13). */
export interface ScreenPass {
  readonly name: string;
  readonly fp: string;
  readonly source: 'file' | 'ui';
  /** What keys its cookie: the token (file) or the token's hash (UI: only the hash is stored). */
  readonly keyOf: string;
}

export interface CredentialsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Session {
  readonly principal: Principal;
  readonly claims: SessionClaims;
}

/** A file saved by an editor fires several events in a row: reload once they settle. */
const WATCH_DEBOUNCE_MS = 150;
// Signed-out session ids kept at most (each lives up to VIGIE_SESSION_MAX_H); sign-in is rate-limited.
const SIGNED_OUT_MAX = 100_000;

export class Credentials {
  private users = new Map<string, User>();
  private displays: DisplayToken[] = [];
  private decoy: Promise<ParsedHash> | null = null;
  private decoyParams = '';
  private watchers: FSWatcher[] = [];
  private debounce: NodeJS.Timeout | null = null;
  private readonly revokeListeners = new Set<(owners: ReadonlySet<string>) => void>();
  private readonly sessionKey: Buffer | null;
  /** Signed-out session ids, until their cookie would have expired anyway (ms). Per process. */
  private readonly signedOut = new Map<string, number>();
  /** Screens made in the browser, once the settings store is open (app.ts attaches them). */
  private screens: ScreenDirectory | null = null;

  constructor(
    private readonly cfg: AuthConfig,
    private readonly log: CredentialsLog,
  ) {
    this.sessionKey = cfg.sessionSecret === null ? null : purposeKey(cfg.sessionSecret, 'session');
    // Start-up: a broken file throws (config.ts already checked it); later reloads keep the old set.
    this.users = cfg.usersFile === null ? new Map() : loadUsersFile(cfg.usersFile);
    this.displays = loadDisplayTokens(cfg.displayTokens);
    this.primeDecoy();
  }

  /** Secrets that must never reach a log line: the hashes and the tokens as they are now. */
  secrets(): string[] {
    const out = this.displays.map((d) => d.token);
    if (this.screens) out.push(...this.screens.secrets());
    for (const u of this.users.values()) out.push(u.hash.hash.toString('base64url'));
    return out;
  }

  get userCount(): number {
    return this.users.size;
  }
  get displayCount(): number {
    return this.displays.length;
  }

  /** Called after each successful reload with the owners revoked by it (often none). */
  onReload(listener: (revoked: ReadonlySet<string>) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /**
   * Re-read the users file and the display tokens (SIGHUP, or the file changed). A file that no
   * longer validates is logged and ignored: the previous set stays, nobody is locked out by a typo.
   * Removed or changed users and displays are revoked (their open streams end at once).
   */
  reload(reason: string): boolean {
    let users: Map<string, User>;
    let displays: DisplayToken[];
    try {
      users = this.cfg.usersFile === null ? new Map() : loadUsersFile(this.cfg.usersFile);
      displays = loadDisplayTokens(this.cfg.displayTokens);
    } catch (err) {
      this.log.error(
        { reason, error: (err as Error).message },
        'access configuration not reloaded: kept the previous users and tokens',
      );
      return false;
    }
    const revoked = new Set<string>();
    for (const [name, old] of this.users) {
      const now = users.get(name);
      if (!now || now.role !== old.role || now.pv !== old.pv || scopeOf(now) !== scopeOf(old))
        revoked.add(`user:${name}`);
    }
    const byName = new Map(displays.map((d) => [d.name, d]));
    for (const d of this.displays)
      if (byName.get(d.name)?.fp !== d.fp) revoked.add(`display:${d.name}`);
    this.users = users;
    this.displays = displays;
    this.primeDecoy();
    this.log.info(
      { reason, users: users.size, displays: displays.length, revoked: [...revoked] },
      'access configuration reloaded',
    );
    for (const l of this.revokeListeners) l(revoked);
    return true;
  }

  /** Reload when the users file (or the tokens file) changes; watches the folder, so a rename-on-save is seen. */
  watchFiles(): void {
    const files = [this.cfg.usersFile, this.cfg.displayTokens.file].filter(
      (f): f is string => f !== null,
    );
    const dirs = new Set(files.map((f) => dirname(f)));
    const names = new Set(files.map((f) => basename(f)));
    for (const dir of dirs) {
      try {
        const w = watch(dir, { persistent: false }, (_event, file) => {
          if (file !== null && !names.has(file.toString())) return;
          if (this.debounce) clearTimeout(this.debounce);
          this.debounce = setTimeout(() => this.reload('file changed'), WATCH_DEBOUNCE_MS);
          this.debounce.unref();
        });
        w.on('error', (err) =>
          this.log.warn({ error: err.message }, 'cannot watch the users file'),
        );
        this.watchers.push(w);
      } catch (err) {
        this.log.warn(
          { dir, error: (err as Error).message },
          'cannot watch the access files: reload with SIGHUP',
        );
      }
    }
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    if (this.debounce) clearTimeout(this.debounce);
  }

  /**
   * The user if the password matches. An unknown name is checked against a decoy hash of the same
   * cost, so both failures take one scrypt and look the same from outside.
   */
  async verify(name: string, password: string): Promise<User | null> {
    const user = this.users.get(name);
    if (!user) {
      await verifyPassword(password, await this.decoyHash());
      return null;
    }
    return (await verifyPassword(password, user.hash)) ? user : null;
  }

  /**
   * A new session, or with `renewing` the same one (id, sign-in time) pushed further, never past
   * the sign-in plus VIGIE_SESSION_MAX_H.
   */
  issueSession(
    user: User,
    nowMs: number,
    renewing?: Pick<SessionClaims, 'sid' | 'iat'>,
  ): { value: string; claims: SessionClaims } {
    if (!this.sessionKey) throw new Error('VIGIE_SESSION_SECRET is required to sign sessions');
    const nowS = Math.floor(nowMs / 1000);
    const iat = renewing?.iat ?? nowS;
    const claims: SessionClaims = {
      name: user.name,
      role: user.role,
      groups: user.groups,
      pv: user.pv,
      sid: renewing?.sid ?? randomBytes(16).toString('base64url'),
      iat,
      exp: Math.min(
        nowS + Math.floor(this.cfg.sessionTtlMs / 1000),
        iat + Math.floor(this.cfg.sessionMaxMs / 1000),
      ),
    };
    return { value: sign(claims, this.sessionKey), claims };
  }

  /** A session cookie of a user still in the file with the same role, groups and password. */
  session(value: string, nowMs: number): Session | null {
    if (!this.sessionKey) return null;
    const claims = readSession(value, this.sessionKey, Math.floor(nowMs / 1000), this.log);
    if (!claims) return null;
    // A lowered VIGIE_SESSION_MAX_H applies to cookies already out, too.
    if (claims.iat * 1000 + this.cfg.sessionMaxMs <= nowMs || !this.sessionLive(claims.sid, nowMs))
      return null;
    const user = this.users.get(claims.name);
    if (!user || user.role !== claims.role || user.pv !== claims.pv) return null;
    if (scopeOf(user) !== (claims.groups === null ? 'all' : claims.groups.join(','))) return null;
    return {
      claims,
      principal: { kind: 'user', name: user.name, role: user.role, groups: copy(user.groups) },
    };
  }

  /**
   * Sign-out: the session's cookie is refused from now on, even if a copy was kept. A copy renewed
   * before the sign-out may carry a later expiry than the cookie that signed out, and renewals keep
   * the id, so the id is remembered until no copy can live any more: sign-in + VIGIE_SESSION_MAX_H,
   * which is at most now + that cap. Bounded: past SIGNED_OUT_MAX ids the oldest sign-out is
   * forgotten first (its copies then live until their own expiry, as before sign-out was tracked).
   */
  signOut(sid: string, nowMs: number): { forgot: number } {
    for (const [id, until] of this.signedOut) if (until <= nowMs) this.signedOut.delete(id);
    this.signedOut.delete(sid);
    this.signedOut.set(sid, nowMs + this.cfg.sessionMaxMs);
    let forgot = 0;
    for (const id of this.signedOut.keys()) {
      if (this.signedOut.size <= SIGNED_OUT_MAX) break;
      this.signedOut.delete(id);
      forgot += 1;
    }
    return { forgot };
  }

  /** False once the session was signed out here. */
  sessionLive(sid: string, nowMs: number): boolean {
    const until = this.signedOut.get(sid);
    return until === undefined || until <= nowMs;
  }

  user(name: string): User | undefined {
    return this.users.get(name);
  }

  /** The file/env screens as configured now (listed read-only by GET /api/screens). */
  fileDisplays(): readonly { readonly name: string }[] {
    return this.displays.map((d) => ({ name: d.name }));
  }

  /** Where the file/env screens come from, for the read-only message. */
  get displaySource(): string {
    return this.cfg.displayTokens.file !== null
      ? 'VIGIE_DISPLAY_TOKENS_FILE'
      : 'VIGIE_DISPLAY_TOKENS';
  }

  /** UI screens resolve too from now on (their tokens, cookies and Bearer). */
  useScreens(dir: ScreenDirectory): void {
    this.screens = dir;
  }

  /**
   * The screen of a token: the file/env ones first (each compared in constant time), then the
   * stored ones by hash. A file name wins over a UI id of the same name (creation refuses those).
   */
  displayByToken(token: string): ScreenPass | null {
    const d = findByToken(this.displays, token);
    if (d) return { name: d.name, fp: d.fp, source: 'file', keyOf: d.token };
    const s = this.screens?.byToken(token);
    return s ? uiPass(s.id, s.value.tokenHash) : null;
  }

  issueDisplay(d: ScreenPass): string {
    const claims: DisplayClaims = { display: d.name, fp: d.fp };
    return sign(claims, this.displayKey(d));
  }

  /** A display cookie whose name and token fingerprint are still configured. */
  display(value: string): Principal | null {
    // The name is read before the signature is checked only to pick the key; nothing else is trusted.
    const dot = value.indexOf('.');
    if (dot <= 0 || value.length > 2048) return null;
    let name: unknown;
    try {
      name = (
        JSON.parse(Buffer.from(value.slice(0, dot), 'base64url').toString('utf8')) as {
          display?: unknown;
        }
      ).display;
    } catch {
      return null;
    }
    if (typeof name !== 'string') return null;
    const d = this.passByName(name);
    if (!d) return null;
    const claims = readDisplay(value, this.displayKey(d), this.log);
    if (!claims || claims.fp !== d.fp) return null;
    return displayPrincipal(d);
  }

  bearer(token: string): Principal | null {
    const d = this.displayByToken(token);
    return d ? displayPrincipal(d) : null;
  }

  private passByName(name: string): ScreenPass | null {
    const d = this.displays.find((x) => x.name === name);
    if (d) return { name: d.name, fp: d.fp, source: 'file', keyOf: d.token };
    const s = this.screens?.get(name);
    return s ? uiPass(s.id, s.value.tokenHash) : null;
  }

  /** Keyed by the token itself (and the secret when there is one): a changed token voids old cookies. */
  private displayKey(d: ScreenPass): Buffer {
    if (d.source === 'ui') return screenCookieKey(this.cfg.sessionSecret, d.keyOf);
    return createHmac('sha256', this.cfg.sessionSecret ?? 'vigie-display')
      .update(`vigie-display-cookie-v1|${d.keyOf}`)
      .digest();
  }

  private primeDecoy(): void {
    const first = this.users.values().next().value as User | undefined;
    const params = first ? { N: first.hash.N, r: first.hash.r, p: first.hash.p } : DEFAULT_SCRYPT;
    const key = `${params.N}/${params.r}/${params.p}`;
    if (this.decoy && key === this.decoyParams) return;
    this.decoyParams = key;
    this.decoy = decoyHash(params);
    this.decoy.catch(() => undefined);
  }

  private decoyHash(): Promise<ParsedHash> {
    if (!this.decoy) this.primeDecoy();
    return this.decoy as Promise<ParsedHash>;
  }
}

const scopeOf = (u: User) => (u.groups === null ? 'all' : u.groups.join(','));
const copy = (g: readonly number[] | null) => (g === null ? null : [...g]);

// The cookie carries a fingerprint of the hash, as a file screen's carries one of its token.
const uiPass = (id: string, tokenHash: string): ScreenPass => ({
  name: id,
  fp: fingerprint(tokenHash),
  source: 'ui',
  keyOf: tokenHash,
});

function displayPrincipal(d: { readonly name: string }): Principal {
  return { kind: 'display', name: d.name, role: 'display', groups: null };
}
