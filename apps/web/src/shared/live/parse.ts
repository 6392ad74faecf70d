// A snapshot read from the wire is checked for the fields the screens rely on before it replaces
// the last good one: a garbled message must never blank the board.
import type { Snapshot } from '@vigie/contract';

export function parseSnapshot(data: string): Snapshot | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<Snapshot>;
  const ok =
    typeof s.seq === 'number' &&
    typeof s.takenAt === 'string' &&
    typeof s.buildId === 'string' &&
    Array.isArray(s.operators) &&
    Array.isArray(s.groups) &&
    typeof s.upstream === 'object' &&
    s.upstream !== null &&
    typeof s.config === 'object' &&
    s.config !== null;
  return ok ? (s as Snapshot) : null;
}
