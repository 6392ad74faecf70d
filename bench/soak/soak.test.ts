// Issue 10, short: a simulated day of faults on the real BFF process (bench/soak at 1200×, 20 streams, no browser).
import { describe, expect, it } from 'vitest';
import { runSoak } from './engine';

describe('a simulated day of upstream faults and restarts', () => {
  it('never crashes, keeps guide 3.2, reconnects every stream and invents no call in the history', async () => {
    const lines: string[] = [];
    const r = await runSoak({
      days: 1,
      speed: 1200,
      clients: 20,
      warmupHours: 1,
      log: (l) => lines.push(l),
    });
    const context = JSON.stringify(
      { lines, crashes: r.crashes, unclean: r.uncleanStops, over: r.history.over.slice(0, 5) },
      null,
      1,
    );

    // Every kind of fault, each at least twice in 24 hours; the day's two restarts happened.
    expect(r.kindsUnavailable, context).toEqual([]);
    for (const k of r.kindsAvailable) expect(r.faultsInjected[k], k).toBeGreaterThanOrEqual(2);
    expect(r.sigterms).toBe(1);
    expect(r.sigkills).toBe(1);

    expect(r.crashes, context).toEqual([]);
    expect(r.uncleanStops, context).toEqual([]);
    expect(r.audit.violations, context).toBe(0);
    expect(r.clients.liveSince, context).toBe(20);

    // History: hours were compared (not vacuous), none above the simulator's call log.
    expect(r.history.hours).toBeGreaterThan(50);
    expect(r.history.storedCalls).toBeGreaterThan(0);
    expect(r.history.over, context).toEqual([]);

    // Memory after a full GC within each BFF life: a loose bound on 2 shared cores (the bench says ±10 %).
    expect(r.memory.worstLife, context).not.toBeNull();
    expect(r.memory.worstLife!.heap, context).toBeLessThan(1.5);
    expect(r.memory.worstLife!.rss, context).toBeLessThan(1.5);
  }, 240_000);
});
