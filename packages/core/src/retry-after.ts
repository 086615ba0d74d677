/**
 * The wait a `Retry-After` header asks for in ms (delay-seconds or an HTTP date,
 * never negative), or `undefined` when absent or unreadable. The tracker paces
 * its retries with it; the collector's webhook sender honours a receiver's.
 *
 * @example
 * retryAfterMs('120', Date.now()); // → 120000
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  // Number() reads delay-seconds (surrounding whitespace included) and gives NaN for a date.
  const seconds = Number(header);
  const ms = seconds === seconds ? seconds * 1000 : Date.parse(header) - now;
  return ms === ms ? Math.max(0, ms) : undefined;
}
