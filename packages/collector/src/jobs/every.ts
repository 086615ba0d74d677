/**
 * Runs `fn` every `ms` milliseconds, skipping a tick while the previous run is
 * still going and ignoring its failures (the next tick tries again); the timer
 * never keeps the process alive. `ms` ≤ 0 runs nothing. Returns `stop`.
 *
 * @example
 * const stop = every(5000, () => configs.refresh());
 */
export function every(ms: number, fn: () => Promise<unknown>): () => void {
  if (!(ms > 0)) return () => undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fn()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
