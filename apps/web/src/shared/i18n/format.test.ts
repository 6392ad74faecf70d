import { describe, expect, it } from 'vitest';
import {
  dayIn,
  formatAge,
  formatDay,
  formatDuration,
  formatLocalIso,
  formatNumber,
  formatOffset,
  formatPercent,
  zoneOffsetMinutes,
} from './format';

describe('formatDuration', () => {
  it('shows minutes and seconds under an hour, hours and minutes from one hour on', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(12 * 60 + 3)).toBe('12:03');
    expect(formatDuration(3600 + 5 * 60 + 59)).toBe('1 h 05');
    expect(formatDuration(-3)).toBe('0:00');
  });

  it('spells the units in French, so that a duration never reads as a clock time', () => {
    const fr = (s: number) => formatDuration(s, 'fr-FR').replace(/[\u00a0\u202f]/g, ' ');
    expect(fr(7)).toBe('7 s');
    expect(fr(18 * 60 + 8)).toBe('18 min 08 s');
    expect(fr(3600 + 5 * 60 + 59)).toBe('1 h 05 min');
    expect(fr(18 * 60 + 8)).not.toMatch(/\d:\d/);
  });
});

describe('days and zones', () => {
  it('writes a calendar day as itself whatever the zone of the machine', () => {
    expect(formatDay('en-GB', '2026-11-25')).toBe('25 Nov 2026');
    expect(formatDay('fr-FR', '2026-12-01')).toBe('1 déc. 2026');
  });

  it('gives the day and the offset of an instant in a zone', () => {
    const at = new Date('2026-11-25T02:30:00Z');
    expect(dayIn(at, 'Europe/Paris')).toBe('2026-11-25');
    expect(dayIn(at, 'Etc/GMT+9')).toBe('2026-11-24');
    expect(zoneOffsetMinutes('Europe/Paris', at)).toBe(60);
    expect(zoneOffsetMinutes('Etc/GMT+9', at)).toBe(-540);
    expect(formatOffset(-540)).toBe('UTC\u221209:00');
    expect(formatLocalIso(at, 'Europe/Paris')).toBe('2026-11-25T03:30:00+01:00');
    expect(formatLocalIso(at, 'Etc/UTC')).toBe('2026-11-25T02:30:00Z');
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
