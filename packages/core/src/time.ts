/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/**
 * The UTC day number (days since 1970-01-01) of an epoch-millisecond time.
 *
 * @example
 * utcDay(Date.parse('1970-01-02T05:00:00Z')); // → 1
 */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * The ISO week (Monday to Sunday) a UTC day falls in, as a week number since the
 * Monday before the epoch. 1970-01-01 was a Thursday, hence the offset of 3.
 *
 * @example
 * isoWeek(utcDay(Date.parse('2026-11-23T00:00:00Z'))) === isoWeek(utcDay(Date.parse('2026-11-29T00:00:00Z'))); // true
 */
export function isoWeek(day: number): number {
  return Math.floor((day + 3) / 7);
}

/**
 * Epoch milliseconds from an ISO-8601 string or a number; `NaN` when invalid.
 *
 * @example
 * toMillis('2026-11-22T00:00:00Z'); // → 1795305600000
 */
export function toMillis(time: string | number | Date): number {
  if (typeof time === 'number') return time;
  if (time instanceof Date) return time.getTime();
  return Date.parse(time);
}
