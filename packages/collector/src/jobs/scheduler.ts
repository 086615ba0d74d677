import type { Store } from '../store/store.js';

/** One day: the default recompute cadence. */
export const DAY_MS = 86_400_000;

/** Where the time of the last scheduled recompute is kept (shared by every collector on one database). */
export const RECOMPUTED_AT_META = 'recomputed_at';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/**
 * Parses a cadence such as `24h`, `1d`, `30m`, `90s` or a plain number of
 * milliseconds; `0`, `off` and `never` turn the schedule off (0).
 *
 * @example
 * parseInterval('12h'); // → 43200000
 */
export function parseInterval(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'never') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(t);
  if (m === null) throw new Error(`interval: "${text}" is not a duration like 24h, 1d, 30m, 90s or off`);
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? 'ms'] as number));
}

/**
 * Settings of `startScheduler`: run `job` every `intervalMs` of the collector's
 * clock, checking every `checkMs` of real time whether it is due.
 *
 * @example
 * const o: SchedulerOptions = { store, intervalMs: DAY_MS, now: Date.now, job: () => collector.recompute() };
 */
export interface SchedulerOptions {
  store: Store;
  intervalMs: number;
  now: () => number;
  job: () => Promise<unknown>;
  /** Default: a minute, or the interval when shorter. */
  checkMs?: number;
  /** A failed run is retried at the next interval; this hears why. */
  onError?: (error: unknown) => void;
}

/**
 * Runs the recompute on its cadence. The time of the last run lives in the
 * database, not in a timer, so a collector that restarts more often than the
 * cadence still recomputes once per interval, and several collectors on one
 * PostgreSQL database mostly share one run (a rare double run is harmless: a
 * recompute is idempotent and a band change fires only once). The first run
 * comes one interval after the database was first scheduled. Returns `stop`.
 *
 * @example
 * const stop = startScheduler({ store, intervalMs: DAY_MS, now: Date.now, job: () => recompute() });
 */
export function startScheduler(o: SchedulerOptions): () => void {
  if (!(o.intervalMs > 0)) return () => undefined;
  let busy = false;
  const due = async (): Promise<boolean> => {
    const now = o.now();
    const last = Number(await o.store.setMetaIfAbsent(RECOMPUTED_AT_META, String(now)));
    if (now - last < o.intervalMs) return false;
    await o.store.transaction((tx) => tx.setMeta(RECOMPUTED_AT_META, String(now)));
    return true;
  };
  const tick = () => {
    if (busy) return;
    busy = true;
    due()
      .then((run) => (run ? o.job() : undefined))
      .catch((error: unknown) => o.onError?.(error))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, o.checkMs ?? Math.min(o.intervalMs, 60_000));
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
