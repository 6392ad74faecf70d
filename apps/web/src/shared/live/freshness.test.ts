import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { isStale, oldestAgeSeconds, sourceAgeMs, STALE_POLLS } from './freshness';

const snap = (ops: number | null, groups: number | null): Snapshot =>
  ({
    upstream: {
      sources: {
        operators: { lastSuccessAt: null, ageSeconds: ops, pollMs: 30_000 },
        groups: { lastSuccessAt: null, ageSeconds: groups, pollMs: 15_000 },
      },
    },
  }) as unknown as Snapshot;

describe('freshness of the figures on screen (issue 12.1)', () => {
  it("counts a source's age from the BFF's own age plus the time since receipt, whatever the screen's clock", () => {
    const s = snap(4, 1);
    // The receipt instant is the page's own clock: only differences of it matter.
    expect(sourceAgeMs(s, 1_000_000, 1_010_000, 'operators')).toBe(14_000);
    expect(sourceAgeMs(s, 5, 5, 'groups')).toBe(1_000);
    expect(sourceAgeMs(snap(null, 1), 0, 60_000, 'operators')).toBeNull();
  });

  it('is stale past two polls of that source, each with its own period', () => {
    expect(STALE_POLLS).toBe(2);
    const s = snap(0, 0);
    expect(isStale(s, 0, 60_000, 'operators')).toBe(false);
    expect(isStale(s, 0, 60_001, 'operators')).toBe(true);
    expect(isStale(s, 0, 30_000, 'groups')).toBe(false);
    expect(isStale(s, 0, 30_001, 'groups')).toBe(true);
    // Never received: absent, not stale.
    expect(isStale(snap(null, null), 0, 3_600_000, 'operators')).toBe(false);
  });

  it('gives the age of the oldest figures, or null before any', () => {
    expect(oldestAgeSeconds(snap(4, 20), 0, 2_000)).toBe(22);
    expect(oldestAgeSeconds(snap(null, 3), 0, 0)).toBe(3);
    expect(oldestAgeSeconds(snap(null, null), 0, 0)).toBeNull();
  });
});
