/**
 * The mixing parameter ρ² of the confidence sequence that is narrowest after
 * `exposures` observations at level `alpha` (Waudby-Smith et al. 2024, eq. for
 * the approximately optimal ρ): ρ² = (−2 ln α + ln(1 − 2 ln α)) / n*. GrowthBook
 * uses the same rule with n* = 5,000 by default, as Pulse does.
 *
 * @example
 * mixingRho2(5000, 0.05); // → 0.001587…
 */
export function mixingRho2(exposures: number, alpha: number): number {
  const l = -2 * Math.log(alpha);
  return (l + Math.log(l + 1)) / exposures;
}

/**
 * An always-valid (sequential) interval and p-value for an estimate that is
 * asymptotically normal with variance `variance` after `n` observations: the
 * asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and
 * Ramdas ("Time-uniform central limit theory and asymptotic confidence
 * sequences", Ann. Statist. 2024) with a normal mixture,
 *
 *   half-width = √( V · (nρ² + 1)/(nρ²) · ln((nρ² + 1)/α²) ),
 *
 * which is also the mixture SPRT of Johari et al. ("Always valid inference",
 * 2022) with a N(0, τ²) mixture over the effect, τ² = ρ²·n·V. The p-value is
 * the reciprocal of that mixture likelihood ratio at an effect of 0, so p < α
 * exactly when the interval excludes 0. With probability at least 1 − α the
 * interval covers the true effect at every n at once, so reading it daily (and
 * stopping whenever) keeps the error rate at α.
 *
 * @example
 * confidenceSequence(0.02, 0.00008, 4000, mixingRho2(5000, 0.05), 0.05); // { ci: [−0.0072…, 0.0472…], pValue: 0.31… }
 */
export function confidenceSequence(
  estimate: number,
  variance: number,
  n: number,
  rho2: number,
  alpha: number,
): { ci: [number, number]; pValue: number } {
  if (!(variance > 0) || !(n > 0)) return { ci: [estimate, estimate], pValue: estimate === 0 ? 1 : 0 };
  const r = n * rho2;
  const half = Math.sqrt(variance * ((r + 1) / r) * Math.log((r + 1) / (alpha * alpha)));
  const pValue = Math.min(1, Math.sqrt(r + 1) * Math.exp(-((estimate * estimate) / (2 * variance)) * (r / (r + 1))));
  return { ci: [estimate - half, estimate + half], pValue };
}
