import { Type, type Static } from 'typebox';
import { Interval, nullable } from './common.js';

// The body of `GET /v1/experiments/{nudgeId}/results`. Rates and lifts are
// fractions (0.041 = 4.1 percentage points); docs/experiments.md has the method.

const TwoSided = Type.Object({ ci: Interval, pValue: Type.Number() });

/**
 * A lift with its interval and p-value.
 *
 * @example
 * const e: LiftEstimate = { lift: 0.02, ci: [0.004, 0.036], pValue: 0.013 };
 */
export const LiftEstimate = Type.Object({ lift: Type.Number(), ci: Interval, pValue: Type.Number() });
export type LiftEstimate = Static<typeof LiftEstimate>;

/**
 * The CUPED (pre-exposure covariate) adjusted lift vs control, with the
 * interval both ways and how much it narrowed.
 *
 * @example
 * const c: CupedResult = { covariates: ['scoreAtExposure', 'goalCountBefore'], theta: [0.004, 0.03], lift: 0.021,
 *   unadjustedLift: 0.02, fixedHorizon: { ci: [0.01, 0.032], pValue: 0.0002 }, sequential: { ci: [0.004, 0.038], pValue: 0.01 },
 *   varianceReduction: 0.52, intervalNarrowing: 0.31 };
 */
export const CupedResult = Type.Object({
  covariates: Type.Array(Type.String()),
  theta: Type.Array(Type.Number(), {
    description: 'Pooled regression coefficients, one per covariate (0 for one left out as constant or collinear)',
  }),
  lift: Type.Number(),
  unadjustedLift: Type.Number(),
  fixedHorizon: TwoSided,
  sequential: TwoSided,
  varianceReduction: Type.Number({ description: '1 − V_adjusted / V_unadjusted' }),
  intervalNarrowing: Type.Number({
    description: '1 − √(V_adjusted / V_unadjusted): how much shorter every interval is ("narrowed by 31%")',
  }),
});
export type CupedResult = Static<typeof CupedResult>;

const Basis = Type.Union([Type.Literal('sequential'), Type.Literal('sequential-cuped')]);

/**
 * The estimate the verdict reads for one treatment: always-valid, CUPED-adjusted
 * when every user has the covariates, Holm-adjusted across the comparisons.
 *
 * @example
 * const d: Decision = { basis: 'sequential-cuped', lift: 0.021, ci: [0.004, 0.038], pValue: 0.01, adjustedPValue: 0.02, significant: true };
 */
export const Decision = Type.Object({
  basis: Basis,
  lift: Type.Number(),
  ci: Type.With(Interval, {
    description: 'Always-valid interval at the nominal confidence, for this comparison alone',
  }),
  pValue: Type.Number(),
  adjustedPValue: Type.Number({ description: 'Holm–Bonferroni across the comparisons with control' }),
  significant: Type.Boolean({ description: '`adjustedPValue` < 1 − confidence' }),
});
export type Decision = Static<typeof Decision>;

/**
 * One arm's Bayesian view: its Beta posterior, the chance it is the best arm
 * and the expected loss of shipping it; against control (`null` for the
 * control), the chance to beat it and the credible interval of the lift.
 *
 * @example
 * const b: BayesianArm = { posterior: { alpha: 131, beta: 871, mean: 0.1307, ci: [0.11, 0.152] }, chanceToBeBest: 0.98,
 *   expectedLoss: 0.0001, chanceToBeatControl: 0.98, lift: 0.03, liftCi: [0.002, 0.058] };
 */
export const BayesianArm = Type.Object({
  posterior: Type.Object({ alpha: Type.Number(), beta: Type.Number(), mean: Type.Number(), ci: Interval }),
  chanceToBeBest: nullable(Type.Number({ description: 'Among the arms with exposures; null for an arm without any' })),
  expectedLoss: nullable(
    Type.Number({
      description: "E[max over arms of the rate − this arm's rate]: the rate given up on average by shipping this arm",
    }),
  ),
  chanceToBeatControl: nullable(Type.Number()),
  lift: nullable(Type.Number({ description: "Posterior mean of this arm's rate minus the control's" })),
  liftCi: nullable(Interval),
});
export type BayesianArm = Static<typeof BayesianArm>;

/**
 * A guardrail metric of one arm and its difference from control. `harmed`: the
 * always-valid interval of the difference lies wholly on the wrong side of 0
 * (a lower score change, a higher rate of the guardrail event).
 *
 * @example
 * const g: GuardrailResult = { id: 'event:Subscription Cancelled', kind: 'event', label: 'Subscription Cancelled', users: 1000,
 *   value: 0.031, difference: 0.012, fixedHorizonCi: [0.001, 0.023], sequentialCi: [-0.004, 0.028], pValue: 0.4, harmed: false };
 */
export const GuardrailResult = Type.Object({
  id: Type.String({ description: '`engagement-score` or `event:<name>`' }),
  kind: Type.Union([Type.Literal('score-change'), Type.Literal('event')]),
  label: Type.String(),
  users: Type.Integer({ description: 'Users the metric was measured on' }),
  value: nullable(
    Type.Number({ description: 'Mean score change after exposure, or the share of users who sent the event' }),
  ),
  difference: nullable(Type.Number()),
  fixedHorizonCi: nullable(Interval),
  sequentialCi: nullable(Interval),
  pValue: nullable(Type.Number({ description: 'Always-valid p-value of the difference' })),
  harmed: Type.Boolean(),
});
export type GuardrailResult = Static<typeof GuardrailResult>;

/**
 * Results of one variant. The fields up to `meanScoreChange` keep their first
 * meaning: `lift`, `liftCi` and `pValue` are the fixed-horizon comparison with
 * the control (`null` for the control itself), also under `fixedHorizon`.
 *
 * @example
 * const v: VariantResult = results.variants[1];
 */
export const VariantResult = Type.Object({
  id: Type.String(),
  control: Type.Boolean(),
  weight: Type.Number(),
  exposed: Type.Integer(),
  converted: Type.Integer(),
  rate: nullable(Type.Number()),
  rateCi: nullable(Type.With(Interval, { description: 'Wilson score interval of the rate' })),
  lift: nullable(Type.Number({ description: 'Absolute difference of rates vs control' })),
  liftCi: nullable(
    Type.With(Interval, { description: 'Unpooled (Wald) fixed-horizon interval of the difference of two proportions' }),
  ),
  relativeLift: nullable(Type.Number()),
  pValue: nullable(Type.Number({ description: 'Fixed-horizon two-sided two-proportion z-test (pooled) vs control' })),
  meanScoreChange: nullable(Type.Number()),
  fixedHorizon: nullable(
    Type.With(LiftEstimate, {
      description: 'Valid for one look at a sample size fixed in advance: the classical numbers, labelled',
    }),
  ),
  sequential: nullable(
    Type.With(LiftEstimate, {
      description: 'Always-valid (confidence sequence) interval and p-value, without covariates',
    }),
  ),
  cuped: nullable(CupedResult),
  decision: nullable(Decision),
  bayesian: BayesianArm,
  guardrails: Type.Array(GuardrailResult),
});
export type VariantResult = Static<typeof VariantResult>;

/**
 * A guardrail that moved significantly the wrong way for a variant.
 *
 * @example
 * const h: Harm = { variant: 'social', guardrail: 'event:Subscription Cancelled', text: 'Subscription Cancelled +1.2 pts (95% always-valid CI +0.3 to +2.1)' };
 */
export const Harm = Type.Object({ variant: Type.String(), guardrail: Type.String(), text: Type.String() });
export type Harm = Static<typeof Harm>;

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
export const Verdict = Type.Object({
  kind: Type.Union([
    Type.Literal('better'),
    Type.Literal('better-but-harms'),
    Type.Literal('worse'),
    Type.Literal('inconclusive'),
    Type.Literal('not-enough-data'),
    Type.Literal('srm'),
    Type.Literal('no-control'),
  ]),
  variant: nullable(Type.String()),
  text: Type.String(),
  basis: Type.With(Basis, { description: 'The estimate the verdict read' }),
  harms: Type.Array(Harm),
  bayesianText: Type.String(),
});
export type Verdict = Static<typeof Verdict>;

const PerTest = Type.Object({ sequential: Type.Number(), fixedHorizon: Type.Number() });

/**
 * The exposures still needed to detect `minDetectableEffect` (an absolute lift)
 * with `power` at `alpha` per comparison, for both tests, and how many days that
 * takes at the recent exposure rate; and the smallest lift detectable now.
 *
 * @example
 * const p: Planning = results.planning!;
 */
export const Planning = Type.Object({
  minDetectableEffect: nullable(Type.Number()),
  power: Type.Number(),
  alpha: Type.Number({
    description: 'Per comparison: 1 − confidence, divided by the number of comparisons (Bonferroni, a bound on Holm)',
  }),
  baselineRate: Type.Number(),
  varianceFactor: Type.Number({
    description: 'V_adjusted / V_unadjusted from CUPED (1 without it): planning assumes the same reduction continues',
  }),
  exposures: Type.Integer(),
  required: nullable(PerTest),
  remaining: nullable(PerTest),
  exposuresPerDay: nullable(
    Type.Number({ description: 'Exposures per day over the last 7 days (or since the first exposure, if sooner)' }),
  ),
  daysRemaining: nullable(Type.Object({ sequential: nullable(Type.Number()), fixedHorizon: nullable(Type.Number()) })),
  detectableEffectNow: nullable(PerTest),
});
export type Planning = Static<typeof Planning>;

/**
 * The results as they stood at the end of one UTC day since the first exposure
 * (today: as of now): counts, the SRM check, and each treatment's lift with the
 * verdict's always-valid interval.
 *
 * @example
 * const d: DayResult = { day: '2026-11-02', srm: { pValue: 0.71, flagged: false },
 *   variants: [{ id: 'control', exposed: 210, converted: 20, lift: null, ci: null }, { id: 'social', exposed: 190, converted: 25, lift: 0.036, ci: [-0.05, 0.12] }] };
 */
export const DayResult = Type.Object({
  day: Type.String({ format: 'date' }),
  srm: Type.Object({ pValue: Type.Number(), flagged: Type.Boolean() }),
  variants: Type.Array(
    Type.Object({
      id: Type.String(),
      exposed: Type.Integer(),
      converted: Type.Integer(),
      lift: nullable(Type.Number()),
      ci: nullable(Interval),
    }),
  ),
});
export type DayResult = Static<typeof DayResult>;

/**
 * How the numbers were made, so a reader can check them (docs/experiments.md).
 *
 * @example
 * const m: AnalysisMethod = results.method;
 */
export const AnalysisMethod = Type.Object({
  verdictBasis: Basis,
  sequential: Type.Object({
    method: Type.Literal('asymptotic-confidence-sequence'),
    tuningExposures: Type.Number(),
    rho2: Type.Number(),
  }),
  multipleComparisons: Type.Object({ method: Type.Literal('holm'), comparisons: Type.Integer() }),
  prior: Type.Object({ alpha: Type.Number(), beta: Type.Number() }),
  cuped: nullable(Type.Object({ covariates: Type.Array(Type.String()), preExposureDays: Type.Number() })),
  guardrailEvents: Type.Array(Type.String()),
});
export type AnalysisMethod = Static<typeof AnalysisMethod>;

/**
 * Everything `GET /v1/experiments/{nudgeId}/results` returns.
 *
 * @example
 * const r: ExperimentResults = analyzeExperiment(nudge, users);
 * if (r.srm.flagged) warn();
 */
export const ExperimentResults = Type.Object(
  {
    nudgeId: Type.String(),
    description: nullable(Type.String({ description: "The nudge's description from the config" })),
    goal: Type.Object(
      { event: Type.String(), withinDays: Type.Number() },
      { description: 'The goal event a user converts by, and the days after exposure it counts' },
    ),
    status: Type.String(),
    confidence: Type.Number(),
    controlId: nullable(Type.String()),
    variants: Type.Array(VariantResult),
    srm: Type.Object({
      chiSquared: Type.Number(),
      pValue: Type.Number(),
      flagged: Type.Boolean(),
      threshold: Type.Number(),
    }),
    verdict: Verdict,
    method: AnalysisMethod,
    planning: nullable(Planning),
    overTime: Type.Array(DayResult),
  },
  { description: "One nudge's experiment results (docs/experiments.md)" },
);
export type ExperimentResults = Static<typeof ExperimentResults>;
