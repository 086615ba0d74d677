import { betaPosterior } from './stats/beta-posterior.js';
import { bestArm } from './stats/best-arm.js';
import { liftCredibleInterval } from './stats/lift-credible-interval.js';
import type { Moments } from './stats/moments.js';
import type { BayesianArm } from './experiment-results.js';
import type { ExperimentDesign } from './experiment-design.js';

/**
 * The Bayesian view of every arm: Beta(1, 1) prior, Beta posterior of its rate,
 * chance to be best and expected loss among the arms with exposures, and against
 * the control the chance to beat it and the credible interval of the lift (at
 * the design's confidence).
 *
 * @example
 * const arms = bayesianArms(design, moments);
 */
export function bayesianArms(design: ExperimentDesign, moments: Moments[]): BayesianArm[] {
  const posteriors = moments.map((m) => betaPosterior(m.y, m.n, design.confidence));
  const withData = moments.flatMap((m, i) => (m.n > 0 ? [i] : []));
  const best = bestArm(withData.map((i) => posteriors[i]!));
  const control = posteriors[design.controlIndex];
  const controlHasData = (moments[design.controlIndex]?.n ?? 0) > 0;
  return posteriors.map((p, i) => {
    const at = withData.indexOf(i);
    const compared = i !== design.controlIndex && control !== undefined && controlHasData && moments[i]!.n > 0;
    return {
      posterior: { alpha: p.alpha, beta: p.beta, mean: p.mean, ci: p.ci },
      chanceToBeBest: at === -1 ? null : best.chanceToBeBest[at]!,
      expectedLoss: at === -1 ? null : best.expectedLoss[at]!,
      chanceToBeatControl: compared ? bestArm([control, p]).chanceToBeBest[1]! : null,
      lift: compared ? p.mean - control.mean : null,
      liftCi: compared ? liftCredibleInterval(p, control, design.confidence) : null,
    };
  });
}
