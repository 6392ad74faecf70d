import { describe, expect, it } from 'vitest';
import { createAxialysClient } from './client';
import { AxialysRateLimitError } from './errors';
import { budgetKey, deferBudget, seedOperatorsInitBudget, takeBudget } from './throttle';

describe('operators_init budget', () => {
  it('keys the budget by server and user, whatever the spelling of the base URL', () => {
    expect(budgetKey('https://API.axialys.com/', 'acme')).toBe(
      budgetKey('https://api.axialys.com', 'acme'),
    );
    expect(budgetKey('https://api.axialys.com', 'acme')).not.toBe(
      budgetKey('https://api.axialys.com', 'other'),
    );
  });

  it('refuses within the interval with the time left, and allows at its end', () => {
    const key = budgetKey('https://throttle.test', 'a');
    takeBudget(key, 'operators_init', 1_000, 30_000);
    let error: unknown;
    try {
      takeBudget(key, 'operators_init', 21_000, 30_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AxialysRateLimitError);
    expect(error).toMatchObject({ local: true, retryAfterMs: 10_000, endpoint: 'operators_init' });
    expect(() => takeBudget(key, 'operators_init', 31_000, 30_000)).not.toThrow();
  });

  it('lets an upstream Retry-After push the next call out, never pull it in', () => {
    const key = budgetKey('https://throttle.test', 'b');
    takeBudget(key, 'operators_init', 0, 30_000);
    deferBudget(key, 10_000); // earlier than the interval's end: ignored
    expect(() => takeBudget(key, 'operators_init', 29_999, 30_000)).toThrow(AxialysRateLimitError);
    deferBudget(key, 60_000);
    expect(() => takeBudget(key, 'operators_init', 59_999, 30_000)).toThrow(AxialysRateLimitError);
    expect(() => takeBudget(key, 'operators_init', 60_000, 30_000)).not.toThrow();
  });

  it('seeds the budget from a call of an earlier process: the first call waits for the rest', async () => {
    let clock = 100_000;
    // Nothing listens on port 9: a call that passes the budget fails on the network, not locally.
    const client = createAxialysClient({
      baseUrl: 'http://127.0.0.1:9/seeded',
      user: 'u',
      password: 'p',
      timeoutMs: 1_000,
      operatorsInitMinIntervalMs: 30_000,
      now: () => clock,
    });
    try {
      seedOperatorsInitBudget('http://127.0.0.1:9/seeded/', 'u', 90_000, 30_000);
      const refused = await client.operatorsInit().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AxialysRateLimitError);
      expect(refused).toMatchObject({ local: true, retryAfterMs: 20_000 });
      // An older record never pulls the budget in.
      seedOperatorsInitBudget('http://127.0.0.1:9/seeded', 'u', 0, 30_000);
      clock = 119_999;
      expect(await client.operatorsInit().catch((e: unknown) => e)).toMatchObject({ local: true });
      clock = 120_000;
      const sent = await client.operatorsInit().catch((e: unknown) => e);
      expect(sent).not.toBeInstanceOf(AxialysRateLimitError);
    } finally {
      await client.close();
    }
  });
});
