import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../history/settings-store';
import { newScreenToken, ScreenDirectory, slugOf, tokenHashOf } from './screens';

const log = { warn: () => undefined };

describe('screen ids and tokens', () => {
  it('an id is the name as a slug, accents dropped, never empty', () => {
    expect(slugOf('Hall d’accueil — 2e étage')).toBe('hall-d-accueil-2e-etage');
    expect(slugOf('  TV  ')).toBe('tv');
    expect(slugOf('日本')).toBe('screen');
    expect(slugOf('x'.repeat(80))).toHaveLength(40);
  });

  it('a token is 32 random bytes in base64url, and differs each time', () => {
    const a = newScreenToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newScreenToken()).not.toBe(a);
  });
});

describe('screen directory', () => {
  it('finds a screen by its token’s hash, and tells who is revoked when one is deleted', async () => {
    const store = new MemorySettingsStore();
    const dir = new ScreenDirectory(store, log);
    const token = newScreenToken();
    const revoked: string[][] = [];
    dir.onRefresh((r) => revoked.push([...r]));
    await store.write(
      [
        {
          kind: 'screen',
          id: 'tv',
          value: { name: 'TV', board: null, tokenHash: tokenHashOf(token) },
          expected: null,
        },
      ],
      'test',
      0,
    );
    await dir.refresh();
    expect(dir.byToken(token)?.id).toBe('tv');
    expect(dir.byToken(`${token}x`)).toBeNull();
    expect(dir.secrets()).toEqual([tokenHashOf(token)]);
    await store.write([{ kind: 'screen', id: 'tv', value: null, expected: 1 }], 'test', 1);
    await dir.refresh();
    expect(dir.byToken(token)).toBeNull();
    expect(revoked.at(-1)).toEqual(['tv']);
  });

  it('a stored screen of another shape is ignored, not trusted', async () => {
    const store = new MemorySettingsStore();
    const dir = new ScreenDirectory(store, log);
    await store.write(
      [{ kind: 'screen', id: 'odd', value: { name: 'x', token: 'plain' }, expected: null }],
      'test',
      0,
    );
    await dir.refresh();
    expect(dir.list()).toEqual([]);
  });

  it('a store that fails on a change is logged and the previous screens stay', async () => {
    const store = new MemorySettingsStore();
    const warned: string[] = [];
    const dir = new ScreenDirectory(store, { warn: (_o, msg) => warned.push(msg) });
    const token = newScreenToken();
    await store.write(
      [
        {
          kind: 'screen',
          id: 'tv',
          value: { name: 'TV', board: null, tokenHash: tokenHashOf(token) },
          expected: null,
        },
      ],
      'test',
      0,
    );
    await dir.refresh();
    store.list = () => Promise.reject(new Error('redis away'));
    dir.refreshLogged('a change');
    await new Promise((r) => setTimeout(r, 10));
    expect(warned.some((m) => m.includes('cannot re-read'))).toBe(true);
    expect(dir.byToken(token)?.id).toBe('tv');
  });
});
