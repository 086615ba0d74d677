/** A closed interval [low, high]. */
export type Interval = [number, number];

/**
 * One exposed user, as the analysis needs them: the variant they were assigned,
 * whether they converted within the goal window and, when known, when; the two
 * pre-exposure covariates CUPED uses (their engagement score at exposure and how
 * often they sent the goal event in the 14 days before); their score at the end
 * of the window (the score-change guardrail) and the guardrail events they sent
 * within the window.
 *
 * @example
 * const u: ExposedUser = { variant: 'social', converted: true, scoreBefore: 20, scoreAfter: 34,
 *   exposedAt: Date.parse('2026-11-02T10:00:00Z'), convertedAt: Date.parse('2026-11-03T09:00:00Z'),
 *   goalCountBefore: 0, guardrailEvents: [] };
 */
export interface ExposedUser {
  variant: string;
  converted: boolean;
  /** Engagement score at exposure. */
  scoreBefore?: number;
  /** Engagement score at the end of the goal window (or now, if sooner). */
  scoreAfter?: number;
  /** First exposure, ms since the epoch. */
  exposedAt?: number;
  /** First goal event within the window, ms since the epoch; `null` if none. */
  convertedAt?: number | null;
  /** Goal events in the 14 days before exposure. */
  goalCountBefore?: number;
  /** The configured guardrail events the user sent within the goal window after exposure. */
  guardrailEvents?: string[];
}

/**
 * A lift with its interval and p-value.
 *
 * @example
 * const e: LiftEstimate = { lift: 0.02, ci: [0.004, 0.036], pValue: 0.013 };
 */
export interface LiftEstimate {
  lift: number;
  ci: Interval;
  pValue: number;
}

/**
 * The CUPED (pre-exposure covariate) adjusted lift vs control, with the
 * interval both ways and how much it narrowed.
 *
 * @example
 * const c: CupedResult = { covariates: ['scoreAtExposure', 'goalCountBefore'], theta: [0.004, 0.03], lift: 0.021,
 *   unadjustedLift: 0.02, fixedHorizon: { ci: [0.01, 0.032], pValue: 0.0002 }, sequential: { ci: [0.004, 0.038], pValue: 0.01 },
 *   varianceReduction: 0.52, intervalNarrowing: 0.31 };
 */
export interface CupedResult {
  covariates: string[];
  /** Pooled regression coefficients, one per covariate (0 for one left out as constant or collinear). */
  theta: number[];
  lift: number;
  unadjustedLift: number;
  fixedHorizon: { ci: Interval; pValue: number };
  sequential: { ci: Interval; pValue: number };
  /** 1 − V_adjusted / V_unadjusted. */
  varianceReduction: number;
  /** 1 − √(V_adjusted / V_unadjusted): how much shorter every interval is ("narrowed by 31%"). */
  intervalNarrowing: number;
}

/**
 * The estimate the verdict reads for one treatment: always-valid, CUPED-adjusted
 * when every user has the covariates, Holm-adjusted across the comparisons.
 *
 * @example
 * const d: Decision = { basis: 'sequential-cuped', lift: 0.021, ci: [0.004, 0.038], pValue: 0.01, adjustedPValue: 0.02, significant: true };
 */
export interface Decision {
  basis: 'sequential' | 'sequential-cuped';
  lift: number;
  /** Always-valid interval at the nominal confidence, for this comparison alone. */
  ci: Interval;
  pValue: number;
  /** Holm–Bonferroni across the comparisons with control. */
  adjustedPValue: number;
  /** `adjustedPValue` < 1 − confidence. */
  significant: boolean;
}

/**
 * One arm's Bayesian view: its Beta posterior, the chance it is the best arm
 * and the expected loss of shipping it; against control (`null` for the
 * control), the chance to beat it and the credible interval of the lift.
 *
 * @example
 * const b: BayesianArm = { posterior: { alpha: 131, beta: 871, mean: 0.1307, ci: [0.11, 0.152] }, chanceToBeBest: 0.98,
 *   expectedLoss: 0.0001, chanceToBeatControl: 0.98, lift: 0.03, liftCi: [0.002, 0.058] };
 */
export interface BayesianArm {
  posterior: { alpha: number; beta: number; mean: number; ci: Interval };
  /** Among the arms with exposures; `null` for an arm without any. */
  chanceToBeBest: number | null;
  /** E[max over arms of the rate − this arm's rate]: the rate given up on average by shipping this arm. */
  expectedLoss: number | null;
  chanceToBeatControl: number | null;
  /** Posterior mean of this arm's rate minus the control's. */
  lift: number | null;
  liftCi: Interval | null;
}

/**
 * A guardrail metric of one arm and its difference from control. `harmed`: the
 * always-valid interval of the difference lies wholly on the wrong side of 0
 * (a lower score change, a higher rate of the guardrail event).
 *
 * @example
 * const g: GuardrailResult = { id: 'event:Subscription Cancelled', kind: 'event', label: 'Subscription Cancelled', users: 1000,
 *   value: 0.031, difference: 0.012, fixedHorizonCi: [0.001, 0.023], sequentialCi: [-0.004, 0.028], pValue: 0.4, harmed: false };
 */
export interface GuardrailResult {
  /** `engagement-score` or `event:<name>`. */
  id: string;
  kind: 'score-change' | 'event';
  label: string;
  /** Users the metric was measured on. */
  users: number;
  /** Mean score change after exposure, or the share of users who sent the event. */
  value: number | null;
  difference: number | null;
  fixedHorizonCi: Interval | null;
  sequentialCi: Interval | null;
  /** Always-valid p-value of the difference. */
  pValue: number | null;
  harmed: boolean;
}

/**
 * Results of one variant. The fields up to `meanScoreChange` keep their first
 * meaning: `lift`, `liftCi` and `pValue` are the fixed-horizon comparison with
 * the control (`null` for the control itself), also under `fixedHorizon`.
 * Rates and lifts are fractions (0.041 = 4.1 percentage points).
 *
 * @example
 * const v: VariantResult = results.variants[1];
 */
export interface VariantResult {
  id: string;
  control: boolean;
  weight: number;
  exposed: number;
  converted: number;
  rate: number | null;
  /** Wilson score interval of the rate. */
  rateCi: Interval | null;
  /** Absolute difference of rates vs control. */
  lift: number | null;
  /** Unpooled (Wald) fixed-horizon interval of the difference of two proportions. */
  liftCi: Interval | null;
  relativeLift: number | null;
  /** Fixed-horizon two-sided two-proportion z-test (pooled) vs control. */
  pValue: number | null;
  meanScoreChange: number | null;
  /** Valid for one look at a sample size fixed in advance: the classical numbers, labelled. */
  fixedHorizon: LiftEstimate | null;
  /** Always-valid (confidence sequence) interval and p-value, without covariates. */
  sequential: LiftEstimate | null;
  cuped: CupedResult | null;
  decision: Decision | null;
  bayesian: BayesianArm;
  guardrails: GuardrailResult[];
}

/**
 * A guardrail that moved significantly the wrong way for a variant.
 *
 * @example
 * const h: Harm = { variant: 'social', guardrail: 'event:Subscription Cancelled', text: 'Subscription Cancelled +1.2 pts (95% always-valid CI +0.3 to +2.1)' };
 */
export interface Harm {
  variant: string;
  guardrail: string;
  text: string;
}

/**
 * The verdict a growth team reads. `kind` is machine-readable; `text` is plain
 * language from the always-valid results (safe to read every day);
 * `bayesianText` says the same data in the Bayesian view's terms.
 *
 * @example
 * const v: Verdict = { kind: 'better', variant: 'social', basis: 'sequential-cuped', harms: [],
 *   text: 'social is better than control: +4.1 pts (95% always-valid CI +1.2 to +7.0; CUPED narrowed it by 31%)',
 *   bayesianText: 'social has a 99.6% chance to beat control (+4.1 pts, 95% credible interval +1.6 to +6.6).' };
 */
export interface Verdict {
  kind: 'better' | 'better-but-harms' | 'worse' | 'inconclusive' | 'not-enough-data' | 'srm' | 'no-control';
  variant: string | null;
  text: string;
  /** The estimate the verdict read. */
  basis: Decision['basis'];
  harms: Harm[];
  bayesianText: string;
}

/**
 * The exposures still needed to detect `minDetectableEffect` (an absolute lift)
 * with `power` at `alpha` per comparison, for both tests, and how many days that
 * takes at the recent exposure rate; and the smallest lift detectable now.
 *
 * @example
 * const p: Planning = results.planning!;
 */
export interface Planning {
  minDetectableEffect: number | null;
  power: number;
  /** Per comparison: 1 − confidence, divided by the number of comparisons (Bonferroni, a bound on Holm). */
  alpha: number;
  baselineRate: number;
  /** V_adjusted / V_unadjusted from CUPED (1 without it): planning assumes the same reduction continues. */
  varianceFactor: number;
  exposures: number;
  required: { sequential: number; fixedHorizon: number } | null;
  remaining: { sequential: number; fixedHorizon: number } | null;
  /** Exposures per day over the last 7 days (or since the first exposure, if sooner). */
  exposuresPerDay: number | null;
  daysRemaining: { sequential: number | null; fixedHorizon: number | null } | null;
  detectableEffectNow: { sequential: number; fixedHorizon: number } | null;
}

/**
 * The results as they stood at the end of one UTC day since the first exposure
 * (today: as of now): counts, the SRM check, and each treatment's lift with the
 * verdict's always-valid interval.
 *
 * @example
 * const d: DayResult = { day: '2026-11-02', srm: { pValue: 0.71, flagged: false },
 *   variants: [{ id: 'control', exposed: 210, converted: 20, lift: null, ci: null }, { id: 'social', exposed: 190, converted: 25, lift: 0.036, ci: [-0.05, 0.12] }] };
 */
export interface DayResult {
  day: string;
  srm: { pValue: number; flagged: boolean };
  variants: { id: string; exposed: number; converted: number; lift: number | null; ci: Interval | null }[];
}

/**
 * How the numbers were made, so a reader can check them (docs/experiments.md).
 *
 * @example
 * const m: AnalysisMethod = results.method;
 */
export interface AnalysisMethod {
  verdictBasis: Decision['basis'];
  sequential: { method: 'asymptotic-confidence-sequence'; tuningExposures: number; rho2: number };
  multipleComparisons: { method: 'holm'; comparisons: number };
  prior: { alpha: number; beta: number };
  cuped: { covariates: string[]; preExposureDays: number } | null;
  guardrailEvents: string[];
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
  method: AnalysisMethod;
  planning: Planning | null;
  overTime: DayResult[];
}
