import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

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
