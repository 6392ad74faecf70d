// The operators_init budget's in-process and file backends, with a real client refusing in-process.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxialysRateLimitError, type AxialysClient } from '@vigie/axialys-client';
import { describe, expect, it } from 'vitest';
import { budgetedClient, fileBudget, memoryBudget } from './operators-init-budget';

/** A client whose operators_init answers, or refuses in-process while `refuseLocally` is set. */
function fakeClient(state: { refuseLocally: boolean; calls: number }): AxialysClient {
  const operatorsInit = async () => {
    if (state.refuseLocally) throw new AxialysRateLimitError('operators_init', 5_000, true);
    state.calls += 1;
    return [];
  };
  return { operatorsInit } as unknown as AxialysClient;
}

const silent = { warn: () => undefined };

describe('operators_init budget (guide 3.2)', () => {
  it('memory: one call per interval from its send; a call never sent gives its slot back', () => {
    let t = 1_000;
    const budget = memoryBudget(30_000, () => t);
    expect(budget.take()).toEqual({ ok: true, at: 1_000 });
    budget.settle(1_000, true);
    t = 21_000;
    expect(budget.take()).toEqual({ ok: false, waitMs: 10_000 });
    t = 31_000;
    expect(budget.take()).toEqual({ ok: true, at: 31_000 });
    budget.settle(31_000, false); // refused further down: not sent
    expect(budget.take()).toEqual({ ok: true, at: 31_000 });
  });

  it('memory: a call of an earlier process (its end) delays the first one', () => {
    let t = 100_000;
    const budget = memoryBudget(30_000, () => t, 90_000);
    expect(budget.take()).toEqual({ ok: false, waitMs: 20_000 });
    t = 120_000;
    expect(budget.take()).toMatchObject({ ok: true });
  });

  it('file: what one process records, the next one waits for; a refusal sends nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-budget-'));
    let t = 50_000;
    const account = { baseUrl: 'http://127.0.0.1:9/budget-test', user: 'file-u' };
    const open = () =>
      fileBudget({
        dataDir,
        ...account,
        intervalMs: 2_000,
        timeoutMs: 1_000,
        now: () => t,
        log: silent,
      });
    const state = { refuseLocally: false, calls: 0 };
    const client = budgetedClient(fakeClient(state), open());
    await client.operatorsInit();
    expect(state.calls).toBe(1);
    const kept = JSON.parse(readFileSync(join(dataDir, 'operators-init.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(kept).toEqual({
      'file-u@http://127.0.0.1:9/budget-test': {
        sentAt: 50_000,
        deadline: 51_000,
        endedAt: 50_000,
      },
    });
    // Refused by the budget: never reaches the client, with how long to wait.
    t = 51_000;
    const early = await client.operatorsInit().catch((e: unknown) => e);
    expect(early).toBeInstanceOf(AxialysRateLimitError);
    expect(early).toMatchObject({ local: true, retryAfterMs: 1_000 });
    expect(state.calls).toBe(1);

    // A restarted process reads the record: it waits for the interval after the recorded end.
    const restarted = budgetedClient(fakeClient(state), open());
    await expect(restarted.operatorsInit()).rejects.toMatchObject({ retryAfterMs: 1_000 });
    // Refused further down (the client's own guard): the record keeps the earlier call only.
    t = 52_000;
    state.refuseLocally = true;
    await expect(restarted.operatorsInit()).rejects.toMatchObject({ retryAfterMs: 5_000 });
    expect(JSON.parse(readFileSync(join(dataDir, 'operators-init.json'), 'utf8'))).toEqual(kept);
    state.refuseLocally = false;
    await restarted.operatorsInit();
    expect(state.calls).toBe(2);
  });
});
