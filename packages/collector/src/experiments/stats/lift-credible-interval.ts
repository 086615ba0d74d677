import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaPdf from '@stdlib/stats-base-dists-beta-pdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { BetaPosterior } from './beta-posterior.js';
import { integrate, panelEdges } from './integrate.js';

const PANELS = 32;
const TOLERANCE = 1e-10;

/** P(p_t − p_c ≤ d) and its density at d: ∫ f_c(x) F_t(x + d) dx and ∫ f_c(x) f_t(x + d) dx. */
function differenceAt(t: BetaPosterior, c: BetaPosterior, d: number): { cdf: number; pdf: number } {
  const shifted: [number, number] = [t.support[0] - d, t.support[1] - d];
  const edges = panelEdges([c.support, shifted], c.support, PANELS);
  const fc = (x: number) => betaPdf(x, c.alpha, c.beta);
  const clamp = (y: number) => Math.min(1, Math.max(0, y));
  return {
    cdf: integrate((x) => fc(x) * betaCdf(clamp(x + d), t.alpha, t.beta), edges),
    pdf: integrate((x) => (x + d < 0 || x + d > 1 ? 0 : fc(x) * betaPdf(x + d, t.alpha, t.beta)), edges),
  };
}

/** The d with P(p_t − p_c ≤ d) = q: Newton steps from the normal approximation, kept inside a shrinking bracket. */
function differenceQuantile(t: BetaPosterior, c: BetaPosterior, q: number, guess: number): number {
  let lo = t.support[0] - c.support[1];
  let hi = t.support[1] - c.support[0];
  let d = Math.min(hi, Math.max(lo, guess));
  for (let i = 0; i < 100; i++) {
    const { cdf, pdf } = differenceAt(t, c, d);
    if (cdf < q) lo = d;
    else hi = d;
    const newton = pdf > 0 ? d - (cdf - q) / pdf : Number.NaN;
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - d) < TOLERANCE || hi - lo < TOLERANCE) return next;
    d = next;
  }
  return d;
}

/**
 * The equal-tailed credible interval of the absolute lift p_t − p_c between two
 * independent Beta posteriors, from the exact distribution of the difference
 * (numerical convolution, not a normal approximation), to 10⁻¹⁰.
 *
 * @example
 * liftCredibleInterval(betaPosterior(130, 1000, 0.95), betaPosterior(100, 1000, 0.95), 0.95); // → [0.0022…, 0.0576…]
 */
export function liftCredibleInterval(t: BetaPosterior, c: BetaPosterior, level: number): [number, number] {
  const variance = (p: BetaPosterior) => (p.alpha * p.beta) / ((p.alpha + p.beta) ** 2 * (p.alpha + p.beta + 1));
  const mean = t.mean - c.mean;
  const sd = Math.sqrt(variance(t) + variance(c));
  const tail = (1 - level) / 2;
  // The normal approximation's answer is where Newton starts.
  const z = normalQuantile(1 - tail, 0, 1);
  return [differenceQuantile(t, c, tail, mean - z * sd), differenceQuantile(t, c, 1 - tail, mean + z * sd)];
}
