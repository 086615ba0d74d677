/**
 * Exponential backoff with full jitter: a random delay in `[0, min(cap, base·2^(attempt−1)))`,
 * which spreads retries from many clients instead of synchronising them.
 *
 * @example
 * backoffDelay(3, 1000, 60_000); // → somewhere in [0, 4000)
 */
export function backoffDelay(attempt: number, base: number, cap: number): number {
  return Math.random() * Math.min(cap, base * 2 ** (attempt - 1));
}

/**
 * The wait a `Retry-After` header asks for in ms (delay-seconds or an HTTP date),
 * or `undefined` when absent or unreadable.
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
