import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * The fixed-horizon (classical) interval of an asymptotically normal estimate:
 * estimate ± z₁₋α/₂·√V. Valid for one look at a sample size fixed in advance;
 * read every day it covers far less often than it says (docs/experiments.md).
 *
 * @example
 * waldInterval(0.02, 0.0000196, 0.05); // → [0.0113…, 0.0286…]
 */
export function waldInterval(estimate: number, variance: number, alpha: number): [number, number] {
  const half = normalQuantile(1 - alpha / 2, 0, 1) * Math.sqrt(Math.max(0, variance));
  return [estimate - half, estimate + half];
}

/**
 * Two-sided p-value of the pooled two-proportion z-test of x₁/n₁ against x₂/n₂.
 *
 * @example
 * twoProportionPValue(120, 1000, 100, 1000); // → 0.1529…
 */
export function twoProportionPValue(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return 1;
  return 2 * (1 - normalCdf(Math.abs(x1 / n1 - x2 / n2) / se, 0, 1));
}

/**
 * Two-sided p-value of a Wald test of `estimate` = 0 with variance `variance`.
 *
 * @example
 * waldPValue(0.02, 0.0001); // → 0.0455…
 */
export function waldPValue(estimate: number, variance: number): number {
  if (!(variance > 0)) return estimate === 0 ? 1 : 0;
  return 2 * (1 - normalCdf(Math.abs(estimate) / Math.sqrt(variance), 0, 1));
}

/**
 * The Wilson score interval of a proportion x/n; `null` without observations.
 *
 * @example
 * wilsonInterval(120, 1000, 0.05); // → [0.1012…, 0.1416…]
 */
export function wilsonInterval(x: number, n: number, alpha: number): [number, number] | null {
  if (n === 0) return null;
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const p = x / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
