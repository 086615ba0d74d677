import { confidenceSequence } from './stats/confidence-sequence.js';
import { cupedLift } from './stats/cuped.js';
import { twoProportionPValue, waldInterval, waldPValue } from './stats/fixed-horizon.js';
import { meanAndVariance, type Moments } from './stats/moments.js';
import type { CupedResult, Decision, Interval, LiftEstimate } from './experiment-results.js';
import { COVARIATES, type ExperimentDesign } from './experiment-design.js';

/**
 * A difference of means between a treatment and the control, with its
 * fixed-horizon (Wald) and always-valid intervals and p-values.
 *
 * @example
 * const d: MeanDifference = compareMeans(t, c, design);
 */
export interface MeanDifference {
  difference: number;
  variance: number;
  fixedHorizon: { ci: Interval; pValue: number };
  sequential: { ci: Interval; pValue: number };
}

/**
 * Any outcome's difference of means (a score change, a guardrail event's rate);
 * `null` when an arm is empty.
 *
 * @example
 * compareMeans(treatment, control, design)?.sequential.ci;
 */
export function compareMeans(t: Moments, c: Moments, design: ExperimentDesign): MeanDifference | null {
  if (t.n === 0 || c.n === 0) return null;
  const [mt, mc] = [meanAndVariance(t), meanAndVariance(c)];
  const difference = mt.mean - mc.mean;
  const variance = mt.variance / t.n + mc.variance / c.n;
  return {
    difference,
    variance,
    fixedHorizon: { ci: waldInterval(difference, variance, design.alpha), pValue: waldPValue(difference, variance) },
    sequential: confidenceSequence(difference, variance, t.n + c.n, design.rho2, design.alpha),
  };
}

/**
 * A treatment's conversion rate against the control's: the fixed-horizon
 * comparison (pooled z-test, Wald interval), the always-valid one, the CUPED
 * one when the design has covariates, and the estimate the verdict reads
 * (before the Holm adjustment, which needs every comparison).
 *
 * @example
 * const c = compareRates(armMoments[1], armMoments[0], design);
 */
export function compareRates(
  t: Moments,
  c: Moments,
  design: ExperimentDesign,
): {
  fixedHorizon: LiftEstimate;
  sequential: LiftEstimate;
  cuped: CupedResult | null;
  decision: Omit<Decision, 'adjustedPValue' | 'significant'>;
} | null {
  const raw = compareMeans(t, c, design);
  if (raw === null) return null;
  const lift = raw.difference;
  const fixedHorizon = { lift, ci: raw.fixedHorizon.ci, pValue: twoProportionPValue(t.y, t.n, c.y, c.n) };
  const sequential = { lift, ...raw.sequential };
  const adjusted = design.cuped ? cupedLift(t, c) : null;
  const cuped: CupedResult | null =
    adjusted === null
      ? null
      : {
          covariates: [...COVARIATES],
          theta: adjusted.theta,
          lift: adjusted.lift,
          unadjustedLift: adjusted.unadjustedLift,
          fixedHorizon: {
            ci: waldInterval(adjusted.lift, adjusted.variance, design.alpha),
            pValue: waldPValue(adjusted.lift, adjusted.variance),
          },
          sequential: confidenceSequence(adjusted.lift, adjusted.variance, t.n + c.n, design.rho2, design.alpha),
          varianceReduction: adjusted.varianceReduction,
          intervalNarrowing:
            adjusted.unadjustedVariance > 0 ? 1 - Math.sqrt(adjusted.variance / adjusted.unadjustedVariance) : 0,
        };
  const decision =
    cuped === null
      ? { basis: 'sequential' as const, ...sequential }
      : { basis: 'sequential-cuped' as const, lift: cuped.lift, ...cuped.sequential };
  return { fixedHorizon, sequential, cuped, decision };
}
