import { meanAndVariance, type Moments } from './moments.js';

/**
 * A CUPED estimate of the difference of means between two arms: the lift and its
 * variance with and without the adjustment, the coefficients θ and the variance
 * reduction achieved, 1 − V_adjusted / V_unadjusted.
 *
 * @example
 * const e: CupedEstimate = cupedLift(treatment, control)!;
 */
export interface CupedEstimate {
  lift: number;
  variance: number;
  unadjustedLift: number;
  unadjustedVariance: number;
  /** One per covariate; 0 for a covariate left out because it is constant or collinear with earlier ones. */
  theta: number[];
  varianceReduction: number;
}

/** Solves A·b = v by Gaussian elimination with partial pivoting (A is small and well conditioned here). */
function solve(a: number[][], v: number[]): number[] {
  const k = v.length;
  const m = a.map((row, i) => [...row, v[i] as number]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < k; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= k; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const b = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = m[r]![k]!;
    for (let c = r + 1; c < k; c++) s -= m[r]![c]! * b[c]!;
    b[r] = s / m[r]![r]!;
  }
  return b;
}

/** The covariates worth keeping: each must vary, and not be (almost) a linear function of those kept before it. */
function usable(sxx: number[][], scale: number[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < sxx.length; i++) {
    const own = sxx[i]![i]!;
    if (!(own > 1e-12 * Math.max(1, scale[i]!))) continue;
    let residual = own;
    if (kept.length > 0) {
      const beta = solve(
        kept.map((a) => kept.map((b) => sxx[a]![b]!)),
        kept.map((a) => sxx[a]![i]!),
      );
      residual -= kept.reduce((s, a, j) => s + sxx[i]![a]! * beta[j]!, 0);
    }
    if (residual > 1e-9 * own) kept.push(i);
  }
  return kept;
}

/**
 * CUPED (Deng, Xu, Kohavi and Walker, 2013) with several covariates: θ is the
 * pooled least-squares coefficient of the outcome on the covariates across both
 * arms, θ = Σ_XX⁻¹ Σ_XY (for one covariate, Cov(Y, X)/Var(X)); each arm's mean
 * is adjusted to Ȳ_a − θ·(X̄_a − X̄), and its variance is the variance of
 * Y − θ·X within the arm (divisor n). Because the covariates are measured before
 * exposure, the adjustment leaves the expected lift unchanged and removes the
 * part of the outcome's variance they explain (1 − ρ² for one covariate of
 * correlation ρ). `null` when an arm is empty.
 *
 * @example
 * cupedLift(treatment, control)?.varianceReduction; // → 0.31
 */
export function cupedLift(t: Moments, c: Moments): CupedEstimate | null {
  if (t.n === 0 || c.n === 0) return null;
  const k = t.x.length;
  const n = t.n + c.n;
  const xBar = t.x.map((s, i) => (s + c.x[i]!) / n);
  const yBar = (t.y + c.y) / n;
  const sxx = t.xx.map((row, i) => row.map((s, j) => (s + c.xx[i]![j]!) / n - xBar[i]! * xBar[j]!));
  const sxy = t.xy.map((s, i) => (s + c.xy[i]!) / n - xBar[i]! * yBar);
  const kept = usable(
    sxx,
    t.xx.map((row, i) => (row[i]! + c.xx[i]![i]!) / n),
  );
  const theta = new Array<number>(k).fill(0);
  if (kept.length > 0) {
    const b = solve(
      kept.map((a) => kept.map((j) => sxx[a]![j]!)),
      kept.map((a) => sxy[a]!),
    );
    kept.forEach((a, j) => (theta[a] = b[j]!));
  }
  const adjusted = (m: Moments) => {
    const dot = (v: number[]) => v.reduce((s, vi, i) => s + theta[i]! * vi, 0);
    const mean = m.y / m.n - dot(m.x) / m.n;
    let second = m.yy / m.n - (2 * dot(m.xy)) / m.n;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) second += (theta[i]! * theta[j]! * m.xx[i]![j]!) / m.n;
    return { mean, variance: Math.max(0, second - mean * mean) };
  };
  const [at, ac] = [adjusted(t), adjusted(c)];
  const [ut, uc] = [meanAndVariance(t), meanAndVariance(c)];
  const variance = at.variance / t.n + ac.variance / c.n;
  const unadjustedVariance = ut.variance / t.n + uc.variance / c.n;
  return {
    lift: at.mean - ac.mean,
    variance,
    unadjustedLift: ut.mean - uc.mean,
    unadjustedVariance,
    theta,
    varianceReduction: unadjustedVariance > 0 ? 1 - variance / unadjustedVariance : 0,
  };
}
