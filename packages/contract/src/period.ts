// The one-month rule of guide 4.1/4.2 (and 3.4), shared so the SPA refuses before the BFF must.

/** `date` plus one calendar month, clamped to the month's last day (Jan 31 → Feb 28/29). */
export function addOneMonth(date: Date): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const lastDayOfNext = new Date(Date.UTC(y, m + 2, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDayOfNext);
  return new Date(
    Date.UTC(
      y,
      m + 1,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/**
 * True when `to` is more than one calendar month after `from`. Both are read in the same frame
 * (wall-clock fields), so pass local wall-clock times encoded as UTC, or instants: the answer
 * differs only across a DST change by an hour, which the BFF checks again in the account's zone.
 */
export function exceedsOneMonth(from: Date, to: Date): boolean {
  return to.getTime() > addOneMonth(from).getTime();
}
