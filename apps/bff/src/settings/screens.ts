// Screens made in the browser (issue 13 §2): stored documents `{name, board, tokenHash}` of kind
// `screen`, kept in memory by hash so a token resolves without a scan of secrets, and refreshed on
// the store's change feed (every instance hears it), so a revoked screen stops working at once.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import { BoardIdSchema } from '@vigie/contract';
import { checked, type CheckLog } from '../lib/checked-json';
import type { SettingsStore, StoredDoc } from '../history/settings-store';

/** What the store holds of a screen: never the token, only its SHA-256 (base64url). */
export const StoredScreenSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  board: Type.Union([BoardIdSchema, Type.Null()]),
  tokenHash: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
});
export type StoredScreen = Type.Static<typeof StoredScreenSchema>;

export interface ScreenDoc {
  readonly id: string;
  readonly value: StoredScreen;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** 32 random bytes (the issue asks ≥ 24), base64url: 43 characters that fit a URL as they are. */
const TOKEN_BYTES = 32;
export const newScreenToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');
export const tokenHashOf = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');

/**
 * An id from a name: lower-case ASCII letters and digits joined by dashes (the board-id slug),
 * accents dropped; `screen` when nothing is left. The caller adds a suffix when it is taken.
 */
export function slugOf(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'screen' : s;
}

export class ScreenDirectory {
  private byHash = new Map<string, ScreenDoc>();
  private byId = new Map<string, ScreenDoc>();
  private loading: Promise<void> | null = null;
  private again = false;
  private readonly listeners = new Set<(revoked: ReadonlySet<string>) => void>();
  private readonly off: () => void;

  constructor(
    private readonly store: SettingsStore,
    private readonly log: CheckLog,
  ) {
    this.off = store.onChange((c) => {
      if (c.kinds.includes('screen')) this.refreshLogged('a change');
    });
  }

  /** Called after each refresh with the screen ids whose token no longer works (deleted; often none). */
  onRefresh(listener: (revoked: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Re-read every screen. Concurrent calls share one read, and a call made during a read gets
   * another one after it, so a change is never missed.
   */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const docs = await this.store.list('screen');
        this.replace(docs);
      } while (this.again);
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** A refresh nobody awaits (the change feed, the timer): a store that fails is logged, not thrown. */
  refreshLogged(why: string): void {
    this.refresh().catch((err: unknown) =>
      this.log.warn(
        { why, error: (err as Error).message },
        'screens: cannot re-read the stored screens; the previous list stays',
      ),
    );
  }

  private replace(docs: readonly StoredDoc[]): void {
    const byHash = new Map<string, ScreenDoc>();
    const byId = new Map<string, ScreenDoc>();
    for (const d of docs) {
      const value = checked(StoredScreenSchema, d.value, this.log, `screen "${d.id}"`);
      if (!value) continue;
      const doc: ScreenDoc = {
        id: d.id,
        value,
        version: d.version,
        updatedAt: d.updatedAt,
        updatedBy: d.updatedBy,
      };
      byHash.set(value.tokenHash, doc);
      byId.set(d.id, doc);
    }
    const revoked = new Set<string>();
    for (const [id, old] of this.byId)
      if (byId.get(id)?.value.tokenHash !== old.value.tokenHash) revoked.add(id);
    this.byHash = byHash;
    this.byId = byId;
    for (const l of this.listeners) l(revoked);
  }

  list(): ScreenDoc[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): ScreenDoc | null {
    return this.byId.get(id) ?? null;
  }

  /** The screen of a token: looked up by its hash, then the hashes compared in constant time. */
  byToken(token: string): ScreenDoc | null {
    const hash = tokenHashOf(token);
    const d = this.byHash.get(hash);
    if (!d) return null;
    const a = Buffer.from(hash);
    const b = Buffer.from(d.value.tokenHash);
    return a.length === b.length && timingSafeEqual(a, b) ? d : null;
  }

  /** The stored hashes: never to be logged (the logger masks them). */
  secrets(): string[] {
    return [...this.byHash.keys()];
  }

  close(): void {
    this.off();
  }
}

/** A UI screen's cookie key: bound to the token's hash, so a new token voids the old cookies. */
export function screenCookieKey(secret: string | null, tokenHash: string): Buffer {
  return createHmac('sha256', secret ?? 'vigie-display')
    .update(`vigie-screen-cookie-v1|${tokenHash}`)
    .digest();
}
