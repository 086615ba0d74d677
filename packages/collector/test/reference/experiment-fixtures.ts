import { readFileSync } from 'node:fs';

/**
 * The reference values written by `experiment_stats.py` (SciPy and statsmodels),
 * typed for the unit tests of `src/experiments/stats`.
 */
export interface ExperimentFixtures {
  alpha: number;
  prior: { alpha: number; beta: number };
  fixedHorizon: { xt: number; nt: number; xc: number; nc: number; ci: [number, number]; pValue: number }[];
  wilson: { x: number; n: number; ci: [number, number] }[];
  sequential: {
    rho2: number;
    alpha: number;
    tuning: number;
    cases: { estimate: number; variance: number; n: number; ci: [number, number]; pValue: number }[];
  };
  cuped: {
    name: string;
    y: number[];
    x: number[][];
    treated: number[];
    theta: number[];
    lift: number;
    variance: number;
    unadjustedLift: number;
    unadjustedVariance: number;
    varianceReduction: number;
  }[];
  bayesianTwoArm: {
    xt: number;
    nt: number;
    xc: number;
    nc: number;
    posteriorCi: [[number, number], [number, number]];
    chanceToBeatControl: number;
    expectedLossTreatment: number;
    expectedLossControl: number;
    liftCi: [number, number];
  }[];
  bayesianManyArms: { arms: { x: number; n: number }[]; chanceToBeBest: number[]; expectedLoss: number[] }[];
  holm: { pValues: number[]; adjusted: number[] }[];
  srm: { observed: number[]; weights: number[]; chiSquared: number; pValue: number }[];
  planning: {
    baseline: number;
    effect: number;
    shareControl: number;
    power: number;
    varianceFactor: number;
    alpha: number;
    rho2: number;
    fixedHorizon: number;
    sequential: number;
    n: number;
    detectableFixedHorizon: number;
    detectableSequential: number;
  }[];
}

/** The committed fixtures (regenerate with `/usr/bin/python3 packages/collector/test/reference/experiment_stats.py`). */
export const fixtures = JSON.parse(
  readFileSync(new URL('./experiment-stats.json', import.meta.url), 'utf8'),
) as ExperimentFixtures;

/** |actual − expected| ≤ tolerance × max(1, |expected|): absolute near 0, relative for large values. */
export function close(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
