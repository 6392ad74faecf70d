import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatPercent, formatNumber } from './format';

describe('formatDuration', () => {
  it('shows minutes and seconds under an hour, hours and minutes from one hour on', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(12 * 60 + 3)).toBe('12:03');
    expect(formatDuration(3600 + 5 * 60 + 59)).toBe('1 h 05');
    expect(formatDuration(-3)).toBe('0:00');
  });
});

describe('locale formatting', () => {
  it('formats numbers and percents for French and English', () => {
    expect(formatNumber('en-GB', 1234)).toBe('1,234');
    expect(formatNumber('fr-FR', 1234).replace(/\s/g, ' ')).toBe('1 234');
    expect(formatPercent('en-GB', 87.4)).toBe('87%');
    expect(formatPercent('fr-FR', 87.4).replace(/\s/g, ' ')).toBe('87 %');
  });

  it('gives a coarse age in seconds, minutes, hours then days', () => {
    expect(formatAge('en-GB', 12.7)).toBe('12 s');
    expect(formatAge('en-GB', 185)).toBe('3 min');
    expect(formatAge('fr-FR', 7300)).toBe('2 h');
    expect(formatAge('fr-FR', 3 * 86_400)).toBe('3 j');
  });
});
