/** Number formatting of the Experiments page: lifts in percentage points, chances, counts. */

import type { Interval } from '@pulse/collector/contract';

/** A lift as signed percentage points without the unit: +4.1, −0.3. */
export const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

/** The size of a lift in points, unsigned: 4.1. */
export const size = (x: number) => Math.abs(x * 100).toFixed(1);

/** An interval in points, "+1.2 to +7.0". */
export const span = (ci: Interval) => `${pts(ci[0])} to ${pts(ci[1])}`;

/** A chance as a percentage that never claims certainty: ">99.9%", "<0.1%", "87.3%". */
export const chance = (p: number) => (p > 0.999 ? '>99.9%' : p < 0.001 ? '<0.1%' : `${(p * 100).toFixed(1)}%`);

/** A whole count with thousands separators. */
export const count = (n: number) => Math.ceil(n).toLocaleString('en-US');

/** Days, rounded up, in words: "1 day", "12 days". */
export const days = (n: number) => {
  const d = Math.max(1, Math.ceil(n));
  return `${d} day${d === 1 ? '' : 's'}`;
};

/** A signed score change: +1.4, −0.2. */
export const scoreChange = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

/**
 * Whether an interval lies wholly above (1), wholly below (−1) or across (0) zero.
 *
 * @example
 * side([0.01, 0.05]); // → 1
 */
export const side = (ci: Interval) => (ci[0] > 0 ? 1 : ci[1] < 0 ? -1 : 0);
