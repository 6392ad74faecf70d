import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('draws in the upper half of a ceiling that doubles from 1 s and stops at 3 s for the first 2 min', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 0.999)).toBe(999);
    expect(backoffDelay(1, () => 0.5)).toBe(1500);
    expect(backoffDelay(2, () => 0)).toBe(1500);
    expect(backoffDelay(2, () => 1)).toBe(3000);
    expect(backoffDelay(1000, () => 1, DEFAULT_BACKOFF, 119_999)).toBe(3000);
  });

  it('lets the ceiling grow to 30 s once the outage is 2 min old, never under half of it', () => {
    expect(backoffDelay(3, () => 0.5, DEFAULT_BACKOFF, 120_000)).toBe(6000);
    expect(backoffDelay(20, () => 0, DEFAULT_BACKOFF, 600_000)).toBe(15_000);
    expect(backoffDelay(20, () => 0.999, DEFAULT_BACKOFF, 600_000)).toBe(29_985);
    expect(backoffDelay(1000, () => 1, DEFAULT_BACKOFF, 3_600_000)).toBe(30_000);
  });
});
