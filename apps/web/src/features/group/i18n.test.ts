// The staffing basis says "1 call", not "1 calls", in both languages (issue 12.6).
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { NS } from './i18n';

describe('group page strings', () => {
  it('counts calls in the singular and the plural', async () => {
    const say = async (lng: 'en' | 'fr', count: number) => {
      await i18n.changeLanguage(lng);
      return i18n.t('staffing.basis', { ns: NS, minutes: '30', arrivals: String(count), count });
    };
    expect(await say('en', 1)).toBe('Over the last 30 min: 1 call');
    expect(await say('en', 2)).toBe('Over the last 30 min: 2 calls');
    expect(await say('fr', 1)).toBe('Sur les 30 dernières min : 1 appel');
    expect(await say('fr', 3)).toBe('Sur les 30 dernières min : 3 appels');
  });
});
