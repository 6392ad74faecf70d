// Shapes the coverage reply for the chart: null stays null (a gap, never a zero), unseen hours are
// marked for the hatched band, backfilled calls go to their own lighter series.
import type { CoverageHour } from '@vigie/contract';
import { boardNow } from '../../shared/ui/use-now';

type HourStatus = 'recorded' | 'partial' | 'backfilled' | 'unrecorded' | 'future';

export interface CoverageDatum {
  hour: number;
  /** `09 h` / `09:00` label is the chart's; this is the row's key. */
  status: HourStatus;
  /** Calls the board counted live (null when it did not see the hour or it was backfilled). */
  calls: number | null;
  /** Calls known from the API's history at start (lighter bars). */
  callsBackfilled: number | null;
  answered: number | null;
  lost: number | null;
  loggedIn: number | null;
  available: number | null;
  /** 0–100. */
  recordedPercent: number;
  /** Full height of the calls axis on an unrecorded hour, for the hatched band; else null. */
  band: number | null;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const orNull = (v: number | null | undefined): number | null => (isNum(v) ? v : null);

function statusOf(h: CoverageHour, nowHour: number | null): HourStatus {
  const seen = h.calls !== null || h.operatorsLoggedIn !== null || h.operatorsAvailable !== null;
  if (h.backfilled && seen) return 'backfilled';
  if (nowHour !== null && h.hour > nowHour) return 'future';
  if (!seen && h.recorded <= 0) return 'unrecorded';
  return h.recorded >= 0.999 ? 'recorded' : 'partial';
}

/** A round top for the calls axis (at least 4, so an empty day still has a scale). */
export function callsAxisTop(hours: readonly CoverageHour[]): number {
  const max = Math.max(0, ...hours.map((h) => h.calls ?? 0));
  if (max <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/**
 * One datum per hour 0–23, in order, whatever the reply holds (a missing row is an unseen hour).
 * `nowHour`: the account's current hour when the day is today (later hours are the future, not
 * unrecorded), null for a past day.
 */
export function coverageChartData(
  hours: readonly CoverageHour[],
  nowHour: number | null,
): CoverageDatum[] {
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const top = callsAxisTop(hours);
  return Array.from({ length: 24 }, (_, hour) => {
    const h: CoverageHour = byHour.get(hour) ?? {
      hour,
      calls: null,
      answered: null,
      lost: null,
      operatorsLoggedIn: null,
      operatorsAvailable: null,
      recorded: 0,
      backfilled: false,
    };
    const status = statusOf(h, nowHour);
    const calls = orNull(h.calls);
    return {
      hour,
      status,
      calls: status === 'backfilled' ? null : calls,
      callsBackfilled: status === 'backfilled' ? calls : null,
      answered: orNull(h.answered),
      lost: orNull(h.lost),
      loggedIn: orNull(h.operatorsLoggedIn),
      available: orNull(h.operatorsAvailable),
      recordedPercent: Math.round(Math.min(1, Math.max(0, h.recorded)) * 100),
      band: status === 'unrecorded' ? top : null,
    };
  });
}

/** The hour (0–23) it is now in `timeZone`. */
export function hourIn(timeZone: string, now: Date = new Date(boardNow())): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .find((p) => p.type === 'hour')?.value;
  return Number(h ?? 0) % 24;
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export function dayIn(timeZone: string, now: Date = new Date(boardNow())): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}
