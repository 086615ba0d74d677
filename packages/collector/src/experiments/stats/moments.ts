/**
 * Running sums of one arm's outcome `y` and covariates `x` (a vector per user):
 * enough to get means, variances and the covariances CUPED needs, and cheap to
 * update as users are exposed and convert, so a daily series costs one pass.
 *
 * @example
 * const m: Moments = emptyMoments(2);
 */
export interface Moments {
  n: number;
  y: number;
  yy: number;
  x: number[];
  /** Σ xᵢxⱼ, row by row. */
  xx: number[][];
  xy: number[];
}

/**
 * Moments of no observations with `k` covariates.
 *
 * @example
 * emptyMoments(0).n; // → 0
 */
export function emptyMoments(k: number): Moments {
  return {
    n: 0,
    y: 0,
    yy: 0,
    x: new Array<number>(k).fill(0),
    xx: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
    xy: new Array<number>(k).fill(0),
  };
}

/**
 * Adds one observation (mutates `m`).
 *
 * @example
 * addObservation(m, 1, [42, 3]);
 */
export function addObservation(m: Moments, y: number, x: readonly number[]): void {
  m.n += 1;
  changeOutcome(m, 0, y, x);
  for (let i = 0; i < m.x.length; i++) {
    const xi = x[i] as number;
    m.x[i] = (m.x[i] as number) + xi;
    const row = m.xx[i] as number[];
    for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) + xi * (x[j] as number);
  }
}

/**
 * Changes an observation's outcome from `from` to `to` (a user who converts later; mutates `m`).
 *
 * @example
 * changeOutcome(m, 0, 1, [42, 3]);
 */
export function changeOutcome(m: Moments, from: number, to: number, x: readonly number[]): void {
  const dy = to - from;
  m.y += dy;
  m.yy += to * to - from * from;
  for (let i = 0; i < m.xy.length; i++) m.xy[i] = (m.xy[i] as number) + dy * (x[i] as number);
}

/**
 * The outcome's mean and its variance with divisor n (for a 0/1 outcome, p(1 − p)).
 *
 * @example
 * meanAndVariance(m); // → { mean: 0.12, variance: 0.1056 }
 */
export function meanAndVariance(m: Moments): { mean: number; variance: number } {
  if (m.n === 0) return { mean: 0, variance: 0 };
  const mean = m.y / m.n;
  return { mean, variance: Math.max(0, m.yy / m.n - mean * mean) };
}
