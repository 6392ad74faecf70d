import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('draws uniformly under a ceiling that doubles from 1 s and stops at 30 s', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.999)).toBe(29_970);
    expect(backoffDelay(1000, () => 1)).toBe(30_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});
