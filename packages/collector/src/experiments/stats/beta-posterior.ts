import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/**
 * The prior of every arm's conversion rate: Beta(1, 1), uniform on [0, 1]. It
 * weighs as much as two observations, so it moves a rate measured on the 100 or
 * more users a verdict needs by at most about one percentage point, and keeps
 * every posterior proper (and its density bounded) even with no data.
 *
 * @example
 * BETA_PRIOR.alpha + BETA_PRIOR.beta; // → 2
 */
export const BETA_PRIOR = { alpha: 1, beta: 1 } as const;

/** Tail mass left out of a posterior's support when integrating over it. */
const SUPPORT_TAIL = 1e-13;

/**
 * One arm's posterior rate: Beta(α₀ + converted, β₀ + exposed − converted),
 * with its mean, equal-tailed credible interval and the range that holds all but
 * 2·10⁻¹³ of its mass (what the integrals over it use).
 *
 * @example
 * const p: BetaPosterior = betaPosterior(120, 1000, 0.95); // { alpha: 121, beta: 881, mean: 0.1207…, … }
 */
export interface BetaPosterior {
  alpha: number;
  beta: number;
  mean: number;
  ci: [number, number];
  support: [number, number];
}

/**
 * The Beta-Binomial posterior of a conversion rate under {@link BETA_PRIOR}.
 *
 * @example
 * betaPosterior(120, 1000, 0.95).ci; // → [0.1013…, 0.1416…]
 */
export function betaPosterior(converted: number, exposed: number, level: number): BetaPosterior {
  const alpha = BETA_PRIOR.alpha + converted;
  const beta = BETA_PRIOR.beta + exposed - converted;
  const tail = (1 - level) / 2;
  return {
    alpha,
    beta,
    mean: alpha / (alpha + beta),
    ci: [betaQuantile(tail, alpha, beta), betaQuantile(1 - tail, alpha, beta)],
    support: [betaQuantile(SUPPORT_TAIL, alpha, beta), betaQuantile(1 - SUPPORT_TAIL, alpha, beta)],
  };
}
