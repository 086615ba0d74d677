import type { Nudge } from '@pulse/core';
import { BETA_PRIOR } from './stats/beta-posterior.js';
import { wilsonInterval } from './stats/fixed-horizon.js';
import { holmAdjust } from './stats/holm.js';
import { sampleRatioMismatch } from './stats/sample-ratio-mismatch.js';
import { armMoments } from './arm-moments.js';
import { bayesianArms } from './bayesian-arms.js';
import { compareRates } from './compare-arms.js';
import { COVARIATES, PRE_EXPOSURE_DAYS, experimentDesign, type AnalysisOptions } from './experiment-design.js';
import { experimentOverTime } from './experiment-over-time.js';
import type { ExperimentResults, ExposedUser, VariantResult } from './experiment-results.js';
import { experimentVerdict } from './experiment-verdict.js';
import { guardrails } from './guardrails.js';
import { planExperiment } from './plan-experiment.js';

export type { AnalysisOptions } from './experiment-design.js';
export type { ExperimentResults, ExposedUser, VariantResult, Verdict } from './experiment-results.js';
export { sampleRatioMismatch } from './stats/sample-ratio-mismatch.js';

/**
 * An experiment's results: per variant the exposure, conversion, rate and the
 * comparison with control three ways — fixed-horizon (the classical numbers,
 * labelled), always-valid (safe to read daily) and CUPED-adjusted — plus the
 * Bayesian view, guardrails, Holm's adjustment across treatments, the SRM check,
 * planning, the daily series, and a verdict from the always-valid numbers given
 * only when the data supports one. docs/experiments.md has the method.
 *
 * @example
 * const results = analyzeExperiment(nudge, [{ variant: 'control', converted: false }, { variant: 'social', converted: true }]);
 */
export function analyzeExperiment(
  nudge: Nudge,
  users: ExposedUser[],
  options: AnalysisOptions = {},
): ExperimentResults {
  const design = experimentDesign(nudge, users, options);
  const { users: byArm, moments } = armMoments(design, users);
  const control = moments[design.controlIndex];
  const comparisons = moments.map((m, i) =>
    i === design.controlIndex || control === undefined ? null : compareRates(m, control, design),
  );
  const compared = comparisons.flatMap((c, i) => (c === null ? [] : [i]));
  const adjusted = holmAdjust(compared.map((i) => comparisons[i]!.decision.pValue));
  const bayesian = bayesianArms(design, moments);
  const guards = guardrails(design, byArm);
  const variants = design.variants.map((v, i): VariantResult => {
    const m = moments[i]!;
    const vs = comparisons[i] ?? null;
    const adjustedPValue = adjusted[compared.indexOf(i)] ?? 1;
    const score = guards[i]![0]!;
    return {
      id: v.id,
      control: i === design.controlIndex,
      weight: v.weight,
      exposed: m.n,
      converted: m.y,
      rate: m.n === 0 ? null : m.y / m.n,
      rateCi: wilsonInterval(m.y, m.n, design.alpha),
      lift: vs?.fixedHorizon.lift ?? null,
      liftCi: vs?.fixedHorizon.ci ?? null,
      relativeLift: vs === null || control!.y === 0 ? null : vs.fixedHorizon.lift / (control!.y / control!.n),
      pValue: vs?.fixedHorizon.pValue ?? null,
      meanScoreChange: score.users === 0 ? null : score.value,
      fixedHorizon: vs?.fixedHorizon ?? null,
      sequential: vs?.sequential ?? null,
      cuped: vs?.cuped ?? null,
      decision: vs === null ? null : { ...vs.decision, adjustedPValue, significant: adjustedPValue < design.alpha },
      bayesian: bayesian[i]!,
      guardrails: guards[i]!,
    };
  });
  const srm = design.srmApplies
    ? sampleRatioMismatch(
        moments.map((m) => m.n),
        design.variants.map((v) => v.weight),
      )
    : { chiSquared: 0, pValue: 1 };
  const flagged = srm.pValue < design.srmThreshold;
  return {
    nudgeId: nudge.id,
    description: nudge.description ?? null,
    goal: { event: nudge.goal.event, withinDays: nudge.goal.withinDays },
    status: design.status,
    confidence: design.confidence,
    controlId: design.variants[design.controlIndex]?.id ?? null,
    variants,
    srm: { ...srm, flagged, threshold: design.srmThreshold },
    verdict: experimentVerdict(design, variants, flagged),
    method: {
      verdictBasis: design.cuped ? 'sequential-cuped' : 'sequential',
      sequential: {
        method: 'asymptotic-confidence-sequence',
        tuningExposures: design.tuningExposures,
        rho2: design.rho2,
      },
      multipleComparisons: { method: 'holm', comparisons: compared.length },
      prior: { ...BETA_PRIOR },
      cuped: design.cuped ? { covariates: [...COVARIATES], preExposureDays: PRE_EXPOSURE_DAYS } : null,
      guardrailEvents: design.guardrailEvents,
    },
    planning: planExperiment(
      design,
      moments,
      comparisons.map((c) => c?.cuped ?? null),
      users,
    ),
    overTime: experimentOverTime(design, users),
  };
}
