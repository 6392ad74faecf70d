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
