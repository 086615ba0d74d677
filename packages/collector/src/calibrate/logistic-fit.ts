/** The penalties `fitLogistic` offers. */
export const PENALTIES = ['l2', 'l1'] as const;

/**
 * `l2` (ridge: shrinks every weight) or `l1` (lasso: sets weak signals to 0).
 *
 * @example
 * const p: Penalty = 'l1';
 */
export type Penalty = (typeof PENALTIES)[number];

/**
 * Settings of `fitLogistic`. `strength` is the penalty's factor on the coefficients of
 * standardised features (so it means the same for every signal): the fit minimises the mean
 * cross-entropy plus `strength · Σ w²` (l2) or `strength · Σ |w|` (l1). The solver stops when
 * no coefficient moves by more than `tolerance` in an iteration, or after `maxIterations`.
 *
 * @example
 * const o: FitOptions = { penalty: 'l2', strength: 0.01, maxIterations: 100, tolerance: 1e-10 };
 */
export interface FitOptions {
  penalty: Penalty;
  strength: number;
  maxIterations: number;
  tolerance: number;
  onStep?: (done: number, total: number) => void;
}

/**
 * A fitted model: `standardized[j]` is the log-odds change per standard
 * deviation of feature j (what ranks the signals), `perUnit[j]` per one count.
 *
 * @example
 * const f: LogisticFit = { intercept: -1.2, perUnit: [0.4, 0], standardized: [0.9, 0], means: [1.1, 3], sds: [2.2, 0] };
 */
export interface LogisticFit {
  intercept: number;
  perUnit: number[];
  standardized: number[];
  means: number[];
  sds: number[];
}

/** Fit settings for calibration: converged far below the precision a weight is shown with. */
export const DEFAULT_FIT: FitOptions = { penalty: 'l2', strength: 0.01, maxIterations: 100, tolerance: 1e-10 };

/** Weights below this are clamped, as glmnet does, so a near-certain user cannot stall a step. */
const MIN_WEIGHT = 1e-5;
const MAX_SWEEPS = 1000;

function moments(rows: number[][], width: number): { means: number[]; sds: number[] } {
  const means = Array.from({ length: width }, (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / rows.length);
  const sds = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + ((r[j] ?? 0) - m) ** 2, 0) / rows.length));
  return { means, sds };
}

/** Standardised columns (constant ones stay all zero) and the 0/1 outcomes. */
interface Problem {
  columns: Float64Array[];
  y: Float64Array;
  n: number;
  penalty: Penalty;
  strength: number;
}

function linear(p: Problem, b: number, w: number[]): Float64Array {
  const eta = new Float64Array(p.n).fill(b);
  p.columns.forEach((x, j) => {
    const c = w[j] as number;
    if (c !== 0) for (let i = 0; i < p.n; i++) eta[i]! += c * x[i]!;
  });
  return eta;
}

/** The penalised mean cross-entropy, computed without overflow for large |η|. */
function objective(p: Problem, b: number, w: number[]): number {
  const eta = linear(p, b, w);
  let loss = 0;
  for (let i = 0; i < p.n; i++) {
    const e = eta[i]!;
    loss += Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))) - p.y[i]! * e;
  }
  const penalty = w.reduce((s, c) => s + (p.penalty === 'l1' ? Math.abs(c) : c * c), 0);
  return loss / p.n + p.strength * penalty;
}

/**
 * One proximal Newton step, as glmnet takes it: the loss's quadratic model at (b, w), a
 * weighted least-squares problem, is minimised with the penalty by coordinate descent
 * (soft-thresholding for l1). Returns the minimiser of the model.
 */
function newtonStep(p: Problem, b: number, w: number[], tolerance: number): { b: number; w: number[] } {
  const eta = linear(p, b, w);
  const weight = new Float64Array(p.n);
  const residual = new Float64Array(p.n); // working response minus the model's η
  for (let i = 0; i < p.n; i++) {
    const prob = 1 / (1 + Math.exp(-eta[i]!));
    weight[i] = Math.max(prob * (1 - prob), MIN_WEIGHT);
    residual[i] = (p.y[i]! - prob) / weight[i]!;
  }
  const totalWeight = weight.reduce((s, v) => s + v, 0);
  const curvature = p.columns.map((x) => x.reduce((s, v, i) => s + weight[i]! * v * v, 0) / p.n);
  const next = { b, w: [...w] };
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const shift = residual.reduce((s, r, i) => s + weight[i]! * r, 0) / totalWeight;
    next.b += shift;
    for (let i = 0; i < p.n; i++) residual[i]! -= shift;
    let moved = Math.abs(shift);
    p.columns.forEach((x, j) => {
      const a = curvature[j] as number;
      if (a === 0) return; // a constant feature keeps coefficient 0
      const old = next.w[j] as number;
      let g = 0;
      for (let i = 0; i < p.n; i++) g += weight[i]! * x[i]! * residual[i]!;
      g = g / p.n + a * old;
      const c =
        p.penalty === 'l1' ? (Math.sign(g) * Math.max(Math.abs(g) - p.strength, 0)) / a : g / (a + 2 * p.strength);
      if (c === old) return;
      for (let i = 0; i < p.n; i++) residual[i]! -= x[i]! * (c - old);
      next.w[j] = c;
      moved = Math.max(moved, Math.abs(c - old));
    });
    if (moved <= tolerance / 10) break;
  }
  return next;
}

/**
 * A regularised logistic regression of `outcomes` on `rows` (one row of counts per user):
 * proximal Newton iterations (coordinate descent inside, a halving line search outside) on
 * the mean cross-entropy plus the L2 or L1 penalty; the intercept is not penalised.
 * Features are standardised first; constant features get coefficient 0. The problem is
 * convex, so the result is its unique optimum whatever the start, to `tolerance`.
 *
 * @example
 * const fit = await fitLogistic([[0, 1], [3, 1], [5, 0]], [false, true, true]);
 * fit.standardized; // → e.g. [1.4, -0.6]
 */
export async function fitLogistic(
  rows: number[][],
  outcomes: boolean[],
  options: FitOptions = DEFAULT_FIT,
): Promise<LogisticFit> {
  const width = rows[0]?.length ?? 0;
  const { means, sds } = moments(rows, width);
  const problem: Problem = {
    columns: means.map((m, j) => {
      const sd = sds[j] as number;
      return Float64Array.from(rows, (r) => (sd > 0 ? ((r[j] ?? 0) - m) / sd : 0));
    }),
    y: Float64Array.from(outcomes, (o) => (o ? 1 : 0)),
    n: rows.length,
    penalty: options.penalty,
    strength: options.strength,
  };
  let b = 0;
  let w = new Array<number>(width).fill(0);
  let value = objective(problem, b, w);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const target = newtonStep(problem, b, w, options.tolerance);
    // A full Newton step can overshoot far from the optimum: halve it until the objective drops.
    let t = 1;
    let next = target;
    let nextValue = objective(problem, next.b, next.w);
    while (nextValue > value && t > 1e-6) {
      t /= 2;
      next = { b: b + t * (target.b - b), w: w.map((c, j) => c + t * ((target.w[j] as number) - c)) };
      nextValue = objective(problem, next.b, next.w);
    }
    if (nextValue > value) break; // no descent left: the optimum, to rounding
    const moved = Math.max(Math.abs(next.b - b), ...next.w.map((c, j) => Math.abs(c - (w[j] as number))));
    ({ b, w } = next);
    value = nextValue;
    options.onStep?.(iteration, options.maxIterations);
    if (moved <= options.tolerance) break;
  }
  options.onStep?.(options.maxIterations, options.maxIterations);
  const perUnit = w.map((c, j) => ((sds[j] as number) > 0 ? c / (sds[j] as number) : 0));
  return {
    intercept: b - perUnit.reduce((s, c, j) => s + c * (means[j] as number), 0),
    perUnit,
    standardized: w,
    means,
    sds,
  };
}
