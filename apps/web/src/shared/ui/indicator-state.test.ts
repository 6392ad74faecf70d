import { describe, expect, it } from 'vitest';
import { UPSTREAM_STATUSES } from '@vigie/contract';
import { common } from '../i18n/common';
import { indicatorState } from './indicator-state';

describe('connection indicator (issue 10.4)', () => {
  it('says "waiting for first data", not "Live", while the board has no figures yet', () => {
    expect(indicatorState('live', 'waiting')).toBe('waiting');
    expect(indicatorState('live', 'ok')).toBe('live');
    expect(indicatorState('live', undefined)).toBe('live');
    expect(indicatorState('reconnecting', 'waiting')).toBe('reconnecting');
  });

  it('has the words in English and French, for the indicator and for every upstream status but ok', () => {
    for (const lang of ['en', 'fr'] as const) {
      const c = common[lang];
      expect(c.connection.waiting).toBeTruthy();
      expect(c.connection.waiting).not.toBe(c.connection.live);
      for (const s of UPSTREAM_STATUSES.filter((x) => x !== 'ok'))
        expect(c.upstream[s], `${lang} upstream.${s}`).toBeTruthy();
    }
    expect(common.en.connection.waiting).toBe('Waiting for first data');
    expect(common.fr.connection.waiting).toBe('En attente des premières données');
  });
});

describe('one status word that tells the truth (issue 12.1)', () => {
  it('is live only when the board is connected, Axialys answers and the figures are fresh', () => {
    expect(indicatorState('live', 'ok', false)).toBe('live');
    expect(indicatorState('live', 'ok', true)).toBe('stale');
    expect(indicatorState('live', 'degraded')).toBe('degraded');
    expect(indicatorState('live', 'down')).toBe('down');
    expect(indicatorState('live', 'unauthorized')).toBe('unauthorized');
    // The board itself away comes first: what Axialys did last is old news.
    expect(indicatorState('reconnecting', 'down', true)).toBe('reconnecting');
    expect(indicatorState('connecting', 'ok')).toBe('connecting');
  });

  it('has a word for each state in English and French, none of them "live" but live', () => {
    for (const lang of ['en', 'fr'] as const) {
      const c = common[lang].connection;
      const words = Object.values(c);
      for (const s of ['degraded', 'down', 'unauthorized', 'stale'] as const) {
        expect(c[s], `${lang} connection.${s}`).toBeTruthy();
        expect(c[s]).not.toBe(c.live);
      }
      expect(new Set(words).size).toBe(words.length);
    }
    expect(common.en.connection.reconnecting).toMatch(/reconnecting to the board/i);
  });
});
