import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, phoneHref } from './phone';

describe('phone numbers', () => {
  it('formats E.164 without plus as an international number', () => {
    expect(formatPhoneNumber('33145420000')).toBe('+33 1 45 42 00 00');
    expect(formatPhoneNumber('33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhoneNumber('+33145420000')).toBe('+33 1 45 42 00 00');
    expect(formatPhoneNumber('442079460000')).toBe('+44 20 7946 0000');
  });

  it('gives back what it cannot read instead of inventing a number', () => {
    expect(formatPhoneNumber('3900')).toBe('3900');
    expect(formatPhoneNumber('0145420000')).toBe('0145420000');
    expect(formatPhoneNumber('anonymous')).toBe('anonymous');
    expect(formatPhoneNumber('999999999999')).toBe('999999999999');
  });

  it('gives null for no number', () => {
    expect(formatPhoneNumber(null)).toBeNull();
    expect(formatPhoneNumber('  ')).toBeNull();
  });

  it('builds a tel: link only for international numbers', () => {
    expect(phoneHref('33145420000')).toBe('tel:+33145420000');
    expect(phoneHref('3900')).toBeNull();
    expect(phoneHref(null)).toBeNull();
  });
});
