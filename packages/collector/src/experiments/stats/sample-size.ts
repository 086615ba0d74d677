import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * What planning a comparison of two rates needs: the control's rate, the arms'
 * shares of the pair (from the weights), the test's α and the power wanted, the
 * confidence sequence's ρ², and a factor on the variance (1, or what CUPED kept).
 *
 * @example
 * const d: PlanningDesign = { baseline: 0.1, shareControl: 0.5, alpha: 0.05, power: 0.8, rho2: 0.0016, varianceFactor: 1 };
 */
export interface PlanningDesign {
  baseline: number;
  shareControl: number;
  alpha: number;
  power: number;
  rho2: number;
  varianceFactor: number;
}

/** Variance of the lift per observation of the pair: (p₁q₁/w_c + p₂q₂/w_t)·factor. */
function unitVariance(d: PlanningDesign, effect: number): number {
  const p1 = d.baseline;
  const p2 = Math.min(1, Math.max(0, p1 + effect));
  return ((p1 * (1 - p1)) / d.shareControl + (p2 * (1 - p2)) / (1 - d.shareControl)) * d.varianceFactor;
}

/** √n times the sequential half-width over √(unit variance). */
function sequentialMultiplier(n: number, d: PlanningDesign): number {
  const r = n * d.rho2;
  return Math.sqrt(((r + 1) / r) * Math.log((r + 1) / (d.alpha * d.alpha)));
}

/**
 * Observations of the pair (control + treatment) needed to detect an absolute
 * lift `effect` with the given power. Fixed horizon: n = σ²(z₁₋α/₂ + z_power)²/δ²
 * for the unpooled z-test at one look. Sequential: the n at which the confidence
 * sequence's half-width plus z_power standard errors equals δ, so the interval
 * excludes 0 at n with the given probability (it may do so earlier, so this is a
 * slight overestimate of what the sequential test needs).
 *
 * @example
 * requiredExposures({ baseline: 0.1, shareControl: 0.5, alpha: 0.05, power: 0.8, rho2: 0.0016, varianceFactor: 1 }, 0.02);
 * // → { fixedHorizon: 7676.2…, sequential: 15184.1… }
 */
export function requiredExposures(d: PlanningDesign, effect: number): { fixedHorizon: number; sequential: number } {
  const sigma2 = unitVariance(d, effect);
  const zPower = normalQuantile(d.power, 0, 1);
  const zAlpha = normalQuantile(1 - d.alpha / 2, 0, 1);
  const fixedHorizon = (sigma2 * (zAlpha + zPower) ** 2) / (effect * effect);
  const reaches = (n: number) => Math.sqrt(sigma2 / n) * (sequentialMultiplier(n, d) + zPower) <= Math.abs(effect);
  let lo = 1;
  let hi = 2;
  while (!reaches(hi) && hi < 1e15) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-6 * hi; i++) {
    const mid = Math.sqrt(lo * hi);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return { fixedHorizon, sequential: hi };
}

/**
 * The smallest absolute lift detectable with the given power after `n`
 * observations of the pair, for both tests (the inverse of {@link requiredExposures}).
 *
 * @example
 * detectableEffect({ baseline: 0.1, shareControl: 0.5, alpha: 0.05, power: 0.8, rho2: 0.0016, varianceFactor: 1 }, 4000);
 */
export function detectableEffect(d: PlanningDesign, n: number): { fixedHorizon: number; sequential: number } {
  const zPower = normalQuantile(d.power, 0, 1);
  const zAlpha = normalQuantile(1 - d.alpha / 2, 0, 1);
  // The variance depends on the effect through p₂: a few fixed-point steps settle it.
  // It starts from the largest variance a rate can have, so a baseline of 0 does not stall it at 0.
  const solveFor = (multiplier: number) => {
    let effect =
      Math.sqrt((0.25 * (1 / d.shareControl + 1 / (1 - d.shareControl)) * d.varianceFactor) / n) * multiplier;
    for (let i = 0; i < 60; i++) effect = Math.sqrt(unitVariance(d, effect) / n) * multiplier;
    return effect;
  };
  return { fixedHorizon: solveFor(zAlpha + zPower), sequential: solveFor(sequentialMultiplier(n, d) + zPower) };
}
