let origin = NaN;
let last = 0;

/**
 * Epoch milliseconds from the monotonic clock (`performance.timeOrigin + performance.now()`),
 * so a wall-clock change mid-session cannot reorder events. The value never goes back.
 *
 * @example
 * const timestamp = new Date(monotonicNow()).toISOString();
 */
export function monotonicNow(): number {
  const elapsed = performance.now();
  if (origin !== origin) origin = performance.timeOrigin;
  // performance.now() stops while the machine sleeps, which would stamp later events
  // hours in the past: catch up with the wall clock, forward only, so order is kept.
  const wall = Date.now();
  if (wall - (origin + elapsed) > 60_000) origin = wall - elapsed;
  return (last = Math.max(last, origin + elapsed));
}
