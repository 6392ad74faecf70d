// The day counters' high-water rule that coverage and staffing share.
import { describe, expect, it } from 'vitest';
import { aboveHighWater } from './day-counter';

describe('aboveHighWater (issue 10)', () => {
  it('counts growth above the mark, and neither a drop nor the way back up to the mark', () => {
    let mark = 0;
    const added: number[] = [];
    for (const reading of [10, 12, 0, 5, 12, 15]) {
      const r = aboveHighWater(mark, reading);
      mark = r.mark;
      added.push(r.added);
    }
    expect(added).toEqual([10, 2, 0, 0, 0, 3]);
    expect(mark).toBe(15);
  });
});
