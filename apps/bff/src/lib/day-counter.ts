// The high-water rule for the API's cumulative day counters (issue 10), shared by coverage and staffing.

/**
 * A day counter only goes down at midnight; any other drop is a fault (or a reset) and adds
 * nothing. The mark keeps the highest value seen today, so the way back up adds nothing either:
 * only growth above the mark counts.
 */
export function aboveHighWater(mark: number, reading: number): { mark: number; added: number } {
  return { mark: Math.max(mark, reading), added: Math.max(0, reading - mark) };
}
