import { DAY_MS, utcDay } from '@pulse/core';
import { addObservation, changeOutcome, emptyMoments } from './stats/moments.js';
import { sampleRatioMismatch } from './stats/sample-ratio-mismatch.js';
import { compareRates } from './compare-arms.js';
import type { DayResult, ExposedUser } from './experiment-results.js';
import { covariatesOf, type ExperimentDesign } from './experiment-design.js';

/** The longest series returned: older days still count, but are not listed. */
const MAX_DAYS = 400;

interface Step {
  at: number;
  arm: number;
  x: number[];
  /** 0: an exposure; 1: that user's conversion. */
  kind: 0 | 1;
}

/**
 * The results as a reader would have seen them at the end of each UTC day from
 * the first exposure to `design.now`: users exposed by then, conversions that
 * had happened by then, the SRM check and each treatment's lift with the
 * verdict's always-valid interval (CUPED-adjusted when the design is). Because
 * the interval is a confidence sequence, the whole series is covered at once
 * with the stated confidence. Users without `exposedAt` are not in the series.
 *
 * @example
 * experimentOverTime(design, users).at(-1)?.variants[1]?.ci;
 */
export function experimentOverTime(design: ExperimentDesign, users: ExposedUser[]): DayResult[] {
  const index = new Map(design.variants.map((v, i) => [v.id, i]));
  const steps: Step[] = [];
  for (const u of users) {
    const arm = index.get(u.variant);
    if (arm === undefined || u.exposedAt === undefined || u.exposedAt > design.now) continue;
    const x = design.cuped ? covariatesOf(u) : [];
    steps.push({ at: u.exposedAt, arm, x, kind: 0 });
    if (u.converted && typeof u.convertedAt === 'number')
      steps.push({ at: Math.max(u.convertedAt, u.exposedAt), arm, x, kind: 1 });
  }
  if (steps.length === 0) return [];
  steps.sort((a, b) => a.at - b.at || a.kind - b.kind);
  const moments = design.variants.map(() => emptyMoments(design.cuped ? 2 : 0));
  const lastDay = utcDay(design.now);
  const firstDay = Math.max(utcDay(steps[0]!.at), lastDay - MAX_DAYS + 1);
  const out: DayResult[] = [];
  let next = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const cutoff = Math.min((day + 1) * DAY_MS - 1, design.now);
    for (; next < steps.length && steps[next]!.at <= cutoff; next++) {
      const s = steps[next]!;
      if (s.kind === 0) addObservation(moments[s.arm]!, 0, s.x);
      else changeOutcome(moments[s.arm]!, 0, 1, s.x);
    }
    const srm = design.srmApplies
      ? sampleRatioMismatch(
          moments.map((m) => m.n),
          design.variants.map((v) => v.weight),
        )
      : { pValue: 1 };
    const control = moments[design.controlIndex];
    out.push({
      day: new Date(day * DAY_MS).toISOString().slice(0, 10),
      srm: { pValue: srm.pValue, flagged: srm.pValue < design.srmThreshold },
      variants: design.variants.map((v, i) => {
        const m = moments[i]!;
        const vs = i === design.controlIndex || control === undefined ? null : compareRates(m, control, design);
        return { id: v.id, exposed: m.n, converted: m.y, lift: vs?.decision.lift ?? null, ci: vs?.decision.ci ?? null };
      }),
    });
  }
  return out;
}
