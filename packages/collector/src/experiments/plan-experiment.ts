import { DAY_MS } from '@pulse/core';
import { detectableEffect, requiredExposures, type PlanningDesign } from './stats/sample-size.js';
import type { Moments } from './stats/moments.js';
import type { CupedResult, ExposedUser, Planning } from './experiment-results.js';
import type { ExperimentDesign } from './experiment-design.js';

/** The window of the recent exposure rate. */
const RECENT_DAYS = 7;

/** Exposures per day over the last week, or since the first exposure if that is sooner (at least a day). */
function exposuresPerDay(users: ExposedUser[], now: number): number | null {
  const times = users.flatMap((u) => (u.exposedAt === undefined || u.exposedAt > now ? [] : [u.exposedAt]));
  if (times.length === 0) return null;
  const first = Math.min(...times);
  const window = Math.max(DAY_MS, Math.min(RECENT_DAYS * DAY_MS, now - first));
  return times.filter((t) => t > now - window).length / (window / DAY_MS);
}

/**
 * Planning for a running or paused experiment: for each treatment against the
 * control, the pair's exposures needed to detect the minimum detectable effect
 * with the chosen power, at α/m per comparison (Bonferroni, which bounds what
 * Holm needs), scaled to all arms by the weights; the largest over the
 * treatments is what the experiment needs. The baseline is the control's rate
 * so far; CUPED's variance reduction so far is assumed to continue. `null` for a
 * concluded experiment or one without control data.
 *
 * @example
 * const planning = planExperiment(design, moments, cuped, users);
 */
export function planExperiment(
  design: ExperimentDesign,
  moments: Moments[],
  cuped: (CupedResult | null)[],
  users: ExposedUser[],
): Planning | null {
  const control = moments[design.controlIndex];
  if (design.status === 'concluded' || control === undefined || control.n === 0) return null;
  const weights = design.variants.map((v) => v.weight);
  const totalWeight = weights.reduce((s, w) => s + (w > 0 ? w : 0), 0);
  const wc = weights[design.controlIndex]!;
  const treatments = design.variants.flatMap((v, i) => (i !== design.controlIndex && v.weight > 0 ? [i] : []));
  if (treatments.length === 0 || !(wc > 0)) return null;
  const alpha = design.alpha / treatments.length;
  const baseline = control.y / control.n;
  const exposures = moments.reduce((s, m, i) => s + (weights[i]! > 0 ? m.n : 0), 0);
  const mde = design.minDetectableEffect;
  const perTreatment = treatments.map((i) => {
    const factor = Math.min(1, Math.max(0.01, 1 - (cuped[i]?.varianceReduction ?? 0)));
    const d: PlanningDesign = {
      baseline,
      shareControl: wc / (wc + weights[i]!),
      alpha,
      power: design.power,
      rho2: design.rho2,
      varianceFactor: factor,
    };
    const scale = totalWeight / (wc + weights[i]!);
    const need = mde === null ? null : requiredExposures(d, mde);
    return {
      factor,
      required: need && { sequential: need.sequential * scale, fixedHorizon: need.fixedHorizon * scale },
      detectable: detectableEffect(d, control.n + moments[i]!.n),
    };
  });
  // The treatment that needs the most exposures decides; the smallest effect detectable now is the worst one's.
  const binding = perTreatment.reduce((a, b) =>
    (b.required?.sequential ?? 0) > (a.required?.sequential ?? 0) ? b : a,
  );
  const detectable = {
    sequential: Math.max(...perTreatment.map((t) => t.detectable.sequential)),
    fixedHorizon: Math.max(...perTreatment.map((t) => t.detectable.fixedHorizon)),
  };
  const rate = exposuresPerDay(users, design.now);
  const required = binding.required;
  const remaining = required && {
    sequential: Math.max(0, Math.ceil(required.sequential - exposures)),
    fixedHorizon: Math.max(0, Math.ceil(required.fixedHorizon - exposures)),
  };
  const days = (n: number) => (rate !== null && rate > 0 ? Math.ceil(n / rate) : n === 0 ? 0 : null);
  return {
    minDetectableEffect: mde,
    power: design.power,
    alpha,
    baselineRate: baseline,
    varianceFactor: binding.factor,
    exposures,
    required: required && {
      sequential: Math.ceil(required.sequential),
      fixedHorizon: Math.ceil(required.fixedHorizon),
    },
    remaining,
    exposuresPerDay: rate,
    daysRemaining: remaining && { sequential: days(remaining.sequential), fixedHorizon: days(remaining.fixedHorizon) },
    detectableEffectNow: detectable,
  };
}
