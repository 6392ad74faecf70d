// CSV export of the stats table in the UI's language (issue 12.5): translated headers; in French
// `;` between fields and a decimal comma (what a French spreadsheet opens as columns and numbers);
// instants as local times of the account with their offset, so the file says which clock it is.
import { formatLocalIso } from '../../shared/i18n/format';
import { REALTIME_FIELDS, isInstantField } from './stats-rows';
import type { RealtimeField, StatsKind, StatsRow } from './stats-rows';

type Cell = string | number | null;

/** The two dialects: English as RFC 4180 writes it, French as French spreadsheets read it. */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}
export const CSV_DIALECT: Record<'en' | 'fr', CsvDialect> = {
  en: { separator: ',', decimal: '.' },
  fr: { separator: ';', decimal: ',' },
};

type CsvColumn =
  | 'group'
  | 'number'
  | 'name'
  | 'from'
  | 'to'
  | 'calls'
  | 'answered'
  | 'answeredPercent'
  | 'totalDurationSeconds'
  | 'averageDurationSeconds'
  | RealtimeField;

export interface CsvOptions {
  lang: 'en' | 'fr';
  /** The account's zone; instants are written as its local time with the offset. */
  timeZone: string;
  /** A column's header in the UI's language. */
  header: (column: CsvColumn) => string;
}

function cell(value: Cell, d: CsvDialect): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const s = String(Math.round(value * 100) / 100);
    return d.decimal === ',' ? s.replace('.', ',') : s;
  }
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const special = d.separator === ';' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly Cell[])[], d: CsvDialect = CSV_DIALECT.en): string {
  return rows.map((r) => r.map((c) => cell(c, d)).join(d.separator)).join('\r\n') + '\r\n';
}

/** Header row plus one line per row; the total, when given, comes last with the key `total`. */
export function statsCsv(
  kind: StatsKind,
  rows: readonly StatsRow[],
  total: StatsRow | null,
  o: CsvOptions,
): string {
  const realtime = REALTIME_FIELDS[kind];
  const columns: CsvColumn[] = [
    kind === 'numbers' ? 'number' : 'group',
    'name',
    'from',
    'to',
    'calls',
    'answered',
    'answeredPercent',
    'totalDurationSeconds',
    'averageDurationSeconds',
    ...realtime,
  ];
  const instant = (iso: string | null): string | null => {
    if (iso === null) return null;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : formatLocalIso(new Date(t), o.timeZone);
  };
  const line = (r: StatsRow): Cell[] => [
    r.key,
    r.label,
    instant(r.from),
    instant(r.to),
    r.calls,
    r.answered,
    r.answeredPercent,
    r.totalDurationSeconds,
    r.averageSeconds,
    ...realtime.map((f) => {
      const v = r.realtime?.[f] ?? null;
      if (isInstantField(f)) return typeof v === 'string' ? instant(v) : null;
      return typeof v === 'number' ? v : null;
    }),
  ];
  return toCsv(
    [columns.map(o.header), ...rows.map(line), ...(total ? [line(total)] : [])],
    CSV_DIALECT[o.lang],
  );
}

export function csvFileName(kind: StatsKind, from: string, to: string): string {
  return `vigie-${kind}-${from}_${to}.csv`;
}
