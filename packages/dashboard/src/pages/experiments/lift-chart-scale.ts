import type { Interval } from '@pulse/collector/contract';

/** One day of a treatment's cumulative lift and its interval. */
export interface LiftPoint {
  day: string;
  lift: number;
  ci: Interval;
}

/**
 * The chart's y range in lift units: it always shows zero and every estimate,
 * and the intervals of the later three quarters of the days. The first days'
 * intervals are very wide (few users), and would flatten the rest to a line;
 * the chart clips them.
 *
 * @example
 * liftRange(points); // → [-0.02, 0.12]
 */
export function liftRange(points: LiftPoint[]): [number, number] {
  const later = points.slice(Math.floor(points.length / 4));
  const values = [0, ...points.map((p) => p.lift), ...later.flatMap((p) => p.ci)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(0.005, (hi - lo) * 0.05);
  return [lo - pad, hi + pad];
}

/**
 * About four round tick values across a range: steps of 1, 2 or 5 × 10ⁿ.
 *
 * @example
 * ticks([-0.02, 0.12]); // → [0, 0.05, 0.1]
 */
export function ticks([lo, hi]: [number, number]): number[] {
  const raw = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) out.push(Math.round(t / step) * step || 0);
  return out;
}
