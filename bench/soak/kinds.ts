// The upstream faults the soak cycles through, one per simulated hour: data, so new simulator faults slot in.
import type { Faults } from '@vigie/axialys-sim';

export interface FaultKind {
  name: string;
  /** What /sim/faults gets (fields the simulator does not know make the kind unavailable). */
  faults: Record<string, unknown>;
}

/**
 * Shares of 0.5 fail every other call (the simulator spreads shares evenly): good and bad answers
 * alternate, the case where a bad answer can pass for data. `slowMs` stays under the BFF's timeout.
 */
export function faultKinds(o: { slowMs: number }): FaultKind[] {
  return [
    { name: '500', faults: { errorRate: 0.5, errorStatus: 500 } },
    { name: 'hang', faults: { hang: true } },
    { name: 'slow', faults: { latencyMs: o.slowMs } },
    { name: '401', faults: { rejectCredentials: true } },
    { name: '429 Retry-After', faults: { throttleRate: 0.5, retryAfterSeconds: 30 } },
    { name: 'HTML', faults: { htmlRate: 0.5 } },
    { name: 'empty 200 {}', faults: { emptyRate: 0.5, emptyShape: 'object' } },
    { name: 'empty 200 data:null', faults: { emptyRate: 0.5, emptyShape: 'null-data' } },
    { name: 'malformed JSON', faults: { malformedRate: 0.5 } },
    { name: 'connection reset', faults: { resetRate: 0.5 } },
  ];
}

/** Splits the kinds into those this simulator accepts and those it refuses (with its reason). */
export function probeKinds(
  kinds: readonly FaultKind[],
  sim: { setFaults(f: Partial<Faults>): void; clearFaults(): void },
): { available: FaultKind[]; unavailable: { kind: FaultKind; reason: string }[] } {
  const available: FaultKind[] = [];
  const unavailable: { kind: FaultKind; reason: string }[] = [];
  for (const kind of kinds) {
    try {
      sim.setFaults(kind.faults as Partial<Faults>);
      available.push(kind);
    } catch (e) {
      unavailable.push({ kind, reason: (e as Error).message });
    } finally {
      sim.clearFaults();
    }
  }
  return { available, unavailable };
}
