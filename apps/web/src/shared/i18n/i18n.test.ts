import { describe, expect, it } from 'vitest';
import { pickLanguage } from './i18n';

describe('pickLanguage', () => {
  it('takes ?lang= before the stored choice and the browser', () => {
    expect(pickLanguage({ query: 'fr', stored: 'en', browser: ['en-GB'] })).toBe('fr');
    expect(pickLanguage({ query: 'EN', stored: 'fr', browser: ['fr-FR'] })).toBe('en');
  });
  it('then the stored choice, then the browser preferences in order', () => {
    expect(pickLanguage({ query: null, stored: 'fr', browser: ['en-US'] })).toBe('fr');
    expect(pickLanguage({ query: null, stored: null, browser: ['de-DE', 'fr-CA', 'en'] })).toBe(
      'fr',
    );
  });
  it('skips what it does not speak and falls back to English', () => {
    expect(pickLanguage({ query: 'de', stored: 'xx', browser: ['fr_BE'] })).toBe('fr');
    expect(pickLanguage({ query: '', stored: null, browser: ['es-ES', 'it'] })).toBe('en');
    expect(pickLanguage({ query: null, stored: null, browser: [] })).toBe('en');
  });
});
