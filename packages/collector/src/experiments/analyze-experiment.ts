import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Nudge } from '@pulse/core';

/**
 * One exposed user, as the analysis needs them: the variant they were assigned,
 * whether they converted within the goal window, and optionally their score at
 * exposure and at the end of the window (the secondary metric).
 *
 * @example
 * const u: ExposedUser = { variant: 'social', converted: true, scoreBefore: 20, scoreAfter: 34 };
 */
export interface ExposedUser {
  variant: string;
  converted: boolean;
  scoreBefore?: number;
  scoreAfter?: number;
}

/**
 * Results of one variant. `lift`, its interval and `pValue` compare with the
 * control and are `null` for the control itself. Rates and lifts are fractions
 * (0.041 = 4.1 percentage points).
 *
 * @example
 * const v: VariantResult = { id: 'social', control: false, weight: 0.5, exposed: 1000, converted: 120, rate: 0.12,
 *   rateCi: [0.1, 0.14], lift: 0.04, liftCi: [0.01, 0.07], relativeLift: 0.5, pValue: 0.006, meanScoreChange: 3.2 };
 */
export interface VariantResult {
  id: string;
  control: boolean;
  weight: number;
  exposed: number;
  converted: number;
  rate: number | null;
  /** Wilson score interval of the rate. */
  rateCi: [number, number] | null;
  /** Absolute difference of rates vs control. */
  lift: number | null;
  /** Unpooled (Wald) interval of the difference of two proportions. */
  liftCi: [number, number] | null;
  relativeLift: number | null;
  /** Two-sided two-proportion z-test (pooled) vs control. */
  pValue: number | null;
  meanScoreChange: number | null;
}

/**
 * The verdict a growth team reads. `kind` is machine-readable; `text` is plain language.
 *
 * @example
 * const v: Verdict = { kind: 'better', variant: 'social', text: 'social is better: +4.1 pts, 95% CI [+1.2, +7.0]' };
 */
export interface Verdict {
  kind: 'better' | 'worse' | 'inconclusive' | 'not-enough-data' | 'srm' | 'no-control';
  variant: string | null;
  text: string;
}

/**
 * Everything `GET /v1/experiments/{nudgeId}/results` returns.
 *
 * @example
 * const r: ExperimentResults = analyzeExperiment(nudge, users);
 * if (r.srm.flagged) warn();
 */
export interface ExperimentResults {
  nudgeId: string;
  status: string;
  confidence: number;
  controlId: string | null;
  variants: VariantResult[];
  srm: { chiSquared: number; pValue: number; flagged: boolean; threshold: number };
  verdict: Verdict;
}

/** Knobs of the analysis; the defaults are what the API and dashboard use. */
export interface AnalysisOptions {
  confidence?: number;
  srmThreshold?: number;
  /** A verdict needs at least this many exposed users in each compared arm. */
  minExposedPerArm?: number;
  /** …and at least this many conversions across the two arms. */
  minConversions?: number;
}

const DEFAULTS = { confidence: 0.95, srmThreshold: 0.001, minExposedPerArm: 100, minConversions: 10 };

function wilson(x: number, n: number, z: number): [number, number] | null {
  if (n === 0) return null;
  const p = x / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function compare(t: { x: number; n: number }, c: { x: number; n: number }, z: number) {
  if (t.n === 0 || c.n === 0) return { lift: null, liftCi: null, relativeLift: null, pValue: null };
  const pt = t.x / t.n;
  const pc = c.x / c.n;
  const lift = pt - pc;
  const se = Math.sqrt((pt * (1 - pt)) / t.n + (pc * (1 - pc)) / c.n);
  const pooled = (t.x + c.x) / (t.n + c.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / t.n + 1 / c.n));
  const pValue = sePooled === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(lift) / sePooled, 0, 1));
  return {
    lift,
    liftCi: [lift - z * se, lift + z * se] as [number, number],
    relativeLift: pc === 0 ? null : lift / pc,
    pValue,
  };
}

/**
 * Chi-squared goodness of fit of the observed arm sizes to the configured
 * weights (sample-ratio mismatch). Arms with weight 0 are left out.
 *
 * @example
 * sampleRatioMismatch([500, 500], [0.5, 0.5]).pValue; // → 1
 */
export function sampleRatioMismatch(observed: number[], weights: number[]): { chiSquared: number; pValue: number } {
  const arms = observed.map((o, i) => ({ o, w: weights[i] ?? 0 })).filter((a) => a.w > 0);
  const total = arms.reduce((s, a) => s + a.o, 0);
  const weightSum = arms.reduce((s, a) => s + a.w, 0);
  if (arms.length < 2 || total === 0) return { chiSquared: 0, pValue: 1 };
  const chiSquared = arms.reduce((s, a) => {
    const expected = (total * a.w) / weightSum;
    return s + (a.o - expected) ** 2 / expected;
  }, 0);
  return { chiSquared, pValue: 1 - chisquareCdf(chiSquared, arms.length - 1) };
}

const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

function verdictOf(variants: VariantResult[], srmFlagged: boolean, o: typeof DEFAULTS): Verdict {
  const control = variants.find((v) => v.control);
  if (control === undefined)
    return { kind: 'no-control', variant: null, text: 'No control variant: nothing to compare with.' };
  if (srmFlagged) {
    return {
      kind: 'srm',
      variant: null,
      text: 'Sample ratio mismatch: the split does not match the weights, so the results cannot be trusted.',
    };
  }
  const pct = Math.round(o.confidence * 100);
  const treatments = variants.filter((v) => !v.control);
  const ready = treatments.filter(
    (v) =>
      v.exposed >= o.minExposedPerArm &&
      control.exposed >= o.minExposedPerArm &&
      v.converted + control.converted >= o.minConversions,
  );
  if (ready.length === 0) {
    return {
      kind: 'not-enough-data',
      variant: null,
      text: `Not enough data yet: each arm needs ${o.minExposedPerArm} exposed users and ${o.minConversions} conversions in all.`,
    };
  }
  const significant = ready
    .filter(
      (v) =>
        v.pValue !== null && v.pValue < 1 - o.confidence && v.liftCi !== null && (v.liftCi[0] > 0 || v.liftCi[1] < 0),
    )
    .sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0));
  const best = significant[0];
  if (best === undefined || best.lift === null || best.liftCi === null) {
    return { kind: 'inconclusive', variant: null, text: `No difference detected at ${pct}% confidence.` };
  }
  const detail = `${pts(best.lift)} pts, ${pct}% CI [${pts(best.liftCi[0])}, ${pts(best.liftCi[1])}]`;
  return best.lift > 0
    ? { kind: 'better', variant: best.id, text: `${best.id} is better than ${control.id}: ${detail}` }
    : { kind: 'worse', variant: best.id, text: `${best.id} is worse than ${control.id}: ${detail}` };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Per-variant exposure, conversion, rate, lift vs control with its confidence
 * interval, two-proportion z-test p-value, the SRM check against the configured
 * weights, mean score change after exposure, and a verdict given only when the
 * data supports one. The control is the first variant whose content is `null`,
 * else the first variant.
 *
 * @example
 * const results = analyzeExperiment(nudge, [{ variant: 'control', converted: false }, { variant: 'social', converted: true }]);
 */
export function analyzeExperiment(
  nudge: Nudge,
  users: ExposedUser[],
  options: AnalysisOptions = {},
): ExperimentResults {
  const o = { ...DEFAULTS, ...options };
  const z = normalQuantile(1 - (1 - o.confidence) / 2, 0, 1);
  const controlId = (nudge.variants.find((v) => v.content === null) ?? nudge.variants[0])?.id ?? null;
  const arms = nudge.variants.map((v) => {
    const mine = users.filter((u) => u.variant === v.id);
    const changes = mine
      .filter((u) => u.scoreBefore !== undefined && u.scoreAfter !== undefined)
      .map((u) => (u.scoreAfter as number) - (u.scoreBefore as number));
    return { variant: v, n: mine.length, x: mine.filter((u) => u.converted).length, meanScoreChange: mean(changes) };
  });
  const control = arms.find((a) => a.variant.id === controlId);
  const variants = arms.map((a): VariantResult => {
    const isControl = a.variant.id === controlId;
    const vs = isControl || control === undefined ? null : compare(a, control, z);
    return {
      id: a.variant.id,
      control: isControl,
      weight: a.variant.weight,
      exposed: a.n,
      converted: a.x,
      rate: a.n === 0 ? null : a.x / a.n,
      rateCi: wilson(a.x, a.n, z),
      lift: vs?.lift ?? null,
      liftCi: vs?.liftCi ?? null,
      relativeLift: vs?.relativeLift ?? null,
      pValue: vs?.pValue ?? null,
      meanScoreChange: a.meanScoreChange,
    };
  });
  // While an experiment runs, arms must match the weights; a concluded one sends everyone to the winner on purpose.
  const srmApplies = (nudge.status ?? 'running') !== 'concluded';
  const srm = srmApplies
    ? sampleRatioMismatch(
        arms.map((a) => a.n),
        arms.map((a) => a.variant.weight),
      )
    : { chiSquared: 0, pValue: 1 };
  const flagged = srm.pValue < o.srmThreshold;
  return {
    nudgeId: nudge.id,
    status: nudge.status ?? 'running',
    confidence: o.confidence,
    controlId,
    variants,
    srm: { ...srm, flagged, threshold: o.srmThreshold },
    verdict: verdictOf(variants, flagged, o),
  };
}
