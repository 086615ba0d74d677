import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaPdf from '@stdlib/stats-base-dists-beta-pdf';
import type { BetaPosterior } from './beta-posterior.js';
import { integrate, panelEdges } from './integrate.js';

/** Panels per posterior's support (±7.4 standard deviations): each under half a standard deviation wide. */
const PANELS = 32;

/**
 * For each arm, the chance that its rate is the highest, and the expected loss
 * of shipping it: E[max_j p_j − p_k], the rate given up on average when another
 * arm is in fact better. Both are one-dimensional integrals, computed exactly up
 * to quadrature error (below 10⁻⁹ here; the fixtures check it against SciPy):
 * P(k best) = ∫ f_k(x) Π_{j≠k} F_j(x) dx, and E[max_j p_j] = Σ_k ∫ x f_k(x) Π_{j≠k} F_j(x) dx.
 * With two arms, `chanceToBeBest[1]` is the chance that arm 1 beats arm 0.
 *
 * @example
 * const { chanceToBeBest, expectedLoss } = bestArm([betaPosterior(100, 1000, 0.95), betaPosterior(130, 1000, 0.95)]);
 */
export function bestArm(arms: readonly BetaPosterior[]): { chanceToBeBest: number[]; expectedLoss: number[] } {
  const ranges = arms.map((a) => a.support);
  const chanceToBeBest: number[] = [];
  let expectedMax = 0;
  arms.forEach((arm, k) => {
    const edges = panelEdges(ranges, arm.support, PANELS);
    const others = (x: number) => {
      let product = 1;
      for (let j = 0; j < arms.length; j++) {
        if (j === k) continue;
        const other = arms[j] as BetaPosterior;
        product *= betaCdf(x, other.alpha, other.beta);
      }
      return product;
    };
    const density = (x: number) => betaPdf(x, arm.alpha, arm.beta);
    chanceToBeBest.push(integrate((x) => density(x) * others(x), edges));
    expectedMax += integrate((x) => x * density(x) * others(x), edges);
  });
  return { chanceToBeBest, expectedLoss: arms.map((a) => Math.max(0, expectedMax - a.mean)) };
}
