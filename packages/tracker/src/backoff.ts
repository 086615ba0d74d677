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
