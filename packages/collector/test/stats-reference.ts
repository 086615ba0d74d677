/**
 * Reference statistics for tests, written independently of the analysis code
 * (which uses @stdlib's distributions): erfc by series and continued fraction,
 * and a seeded PRNG for simulations.
 */

/** Complementary error function: Taylor series of erf below 0.5, Lentz continued fraction above. */
export function erfc(x: number): number {
  if (x < 0.5) {
    let sum = 0;
    let term = x;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-x * x) / (n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = 1 / (x + a * d);
    c = x + a / c;
    f *= c * d;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** Mulberry32: a tiny seeded PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 97.5th percentile of the standard normal distribution. */
export const Z_975 = 1.959963984540054;

/** Pooled two-proportion z-test p-value and the unpooled (Wald) interval of the difference, computed directly. */
export function twoProportions(x1: number, n1: number, x2: number, n2: number) {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { lift: p2 - p1, pValue: erfc(Math.abs(z) / Math.SQRT2), ci: [p2 - p1 - Z_975 * se, p2 - p1 + Z_975 * se] };
}
