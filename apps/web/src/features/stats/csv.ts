// CSV export of the stats table: RFC 4180, comma-separated, dot decimals and ISO instants, so a
// file reads the same whatever the locale of the browser that wrote it.
import { REALTIME_FIELDS, isInstantField } from './stats-rows';
import type { StatsKind, StatsRow } from './stats-rows';

type Cell = string | number | null;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '';
  }
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Header row plus one line per row; the total, when given, comes last with the key `total`. */
export function statsCsv(
  kind: StatsKind,
  rows: readonly StatsRow[],
  total: StatsRow | null,
): string {
  const realtime = REALTIME_FIELDS[kind];
  const header: Cell[] = [
    kind === 'numbers' ? 'number' : 'group_id',
    'name',
    'from',
    'to',
    'calls',
    'answered_calls',
    'answered_percent',
    'total_duration_seconds',
    'average_duration_seconds',
    ...realtime.map(snake),
  ];
  const line = (r: StatsRow): Cell[] => [
    r.key,
    r.label,
    r.from,
    r.to,
    r.calls,
    r.answered,
    r.answeredPercent,
    r.totalDurationSeconds,
    r.averageSeconds,
    ...realtime.map((f) => {
      const v = r.realtime?.[f] ?? null;
      return isInstantField(f) || typeof v === 'number' ? v : null;
    }),
  ];
  return toCsv([header, ...rows.map(line), ...(total ? [line(total)] : [])]);
}

export function csvFileName(kind: StatsKind, from: string, to: string): string {
  return `vigie-${kind}-${from}_${to}.csv`;
}
