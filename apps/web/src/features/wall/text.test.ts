import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { memoT } from './text';

/** A real i18next with a counter on its lookups, so the cache is seen to spare them. */
async function counted() {
  const i18n = createInstance();
  await i18n.init({
    lng: 'en',
    resources: {
      en: {
        wall: {
          waiting: 'Waiting',
          seenAgo: 'seen {{age}} ago',
          people_one: '{{count}} person',
          people_other: '{{count}} people',
        },
      },
    },
    defaultNS: 'wall',
    interpolation: { escapeValue: false },
  });
  let lookups = 0;
  const t = i18n.getFixedT('en', 'wall') as unknown as (key: string, options?: unknown) => string;
  const spy = ((key: string, options?: unknown) => {
    lookups += 1;
    return t(key, options);
  }) as unknown as TFunction;
  return { t: memoT(spy), lookups: () => lookups };
}

describe('memoT', () => {
  it('gives what i18next gives, asking it once per key and option values', async () => {
    const { t, lookups } = await counted();
    expect(t('waiting')).toBe('Waiting');
    expect(t('waiting')).toBe('Waiting');
    expect(t('seenAgo', { age: '12 s' })).toBe('seen 12 s ago');
    expect(t('seenAgo', { age: '12 s' })).toBe('seen 12 s ago');
    expect(t('seenAgo', { age: '13 s' })).toBe('seen 13 s ago');
    expect(t('people', { count: 1 })).toBe('1 person');
    expect(t('people', { count: 2 })).toBe('2 people');
    expect(t('people', { count: 1 })).toBe('1 person');
    expect(lookups()).toBe(5);
  });

  it('tells apart options that differ only by name', async () => {
    const { t } = await counted();
    // The same values under other names are another call, not a hit.
    expect(t('seenAgo', { age: 'x' })).toBe('seen x ago');
    expect(t('seenAgo', { other: 'x' })).toBe('seen {{age}} ago');
  });

  it('passes object options through without caching them', async () => {
    const { t, lookups } = await counted();
    const options = { age: '5 s', nested: { a: 1 } };
    t('seenAgo', options);
    t('seenAgo', options);
    expect(lookups()).toBe(2);
  });
});
