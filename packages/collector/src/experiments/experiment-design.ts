import type { Nudge } from '@pulse/core';
import { mixingRho2 } from './stats/confidence-sequence.js';
import type { ExposedUser } from './experiment-results.js';

/** The CUPED covariates, in the order of {@link covariatesOf}. */
export const COVARIATES = ['scoreAtExposure', 'goalCountBefore'] as const;

/** Days before exposure over which the goal event is counted as a covariate. */
export const PRE_EXPOSURE_DAYS = 14;

/**
 * Knobs of the analysis; the defaults are what the API and dashboard use.
 *
 * @example
 * const o: AnalysisOptions = { now: Date.now(), minDetectableEffect: 0.02, power: 0.8 };
 */
export interface AnalysisOptions {
  confidence?: number;
  srmThreshold?: number;
  /** A verdict needs at least this many exposed users in each compared arm. */
  minExposedPerArm?: number;
  /** …and at least this many conversions across the two arms. */
  minConversions?: number;
  /** The pair size (control + treatment) at which the always-valid interval is narrowest (default 5,000). */
  tuningExposures?: number;
  /** Adjust for the pre-exposure covariates when every user has them (default true). */
  cuped?: boolean;
  /** The reading time: the last day of the series and the end of the recent exposure rate (default: the last event). */
  now?: number;
  /** Planning: the absolute lift to detect (default: the nudge's `analysis.minDetectableEffect`). */
  minDetectableEffect?: number;
  /** Planning: the power wanted (default: the nudge's `analysis.power`, else 0.8). */
  power?: number;
}

/**
 * Everything fixed before looking at outcomes: arms, control, levels, the
 * confidence sequence's mixing parameter, whether CUPED applies, guardrails.
 *
 * @example
 * const design = experimentDesign(nudge, users);
 */
export interface ExperimentDesign {
  nudgeId: string;
  status: string;
  variants: { id: string; weight: number }[];
  /** Index of the control in `variants`, −1 without variants. */
  controlIndex: number;
  confidence: number;
  alpha: number;
  tuningExposures: number;
  rho2: number;
  cuped: boolean;
  srmApplies: boolean;
  srmThreshold: number;
  minExposedPerArm: number;
  minConversions: number;
  guardrailEvents: string[];
  minDetectableEffect: number | null;
  power: number;
  now: number;
}

/**
 * The covariate vector of a user: score at exposure, goal events in the 14 days before.
 *
 * @example
 * covariatesOf({ variant: 'a', converted: false, scoreBefore: 40, goalCountBefore: 2 }); // → [40, 2]
 */
export function covariatesOf(u: ExposedUser): number[] {
  return [u.scoreBefore ?? Number.NaN, u.goalCountBefore ?? Number.NaN];
}

const lastTime = (users: ExposedUser[]) =>
  users.reduce((t, u) => Math.max(t, u.exposedAt ?? -Infinity, u.convertedAt ?? -Infinity), -Infinity);

/**
 * The design of a nudge's experiment under the given options. The control is
 * the first variant whose content is `null`, else the first variant. CUPED
 * applies when every exposed user has both covariates.
 *
 * @example
 * experimentDesign(nudge, users, { now: Date.now() }).rho2; // → 0.00158…
 */
export function experimentDesign(nudge: Nudge, users: ExposedUser[], options: AnalysisOptions = {}): ExperimentDesign {
  const confidence = options.confidence ?? 0.95;
  // Rounded so that 0.95 gives α = 0.05 exactly, not 0.050000000000000044.
  const alpha = Math.round((1 - confidence) * 1e12) / 1e12;
  const tuningExposures = options.tuningExposures ?? 5000;
  const control = nudge.variants.findIndex((v) => v.content === null);
  const status = nudge.status ?? 'running';
  const last = lastTime(users);
  return {
    nudgeId: nudge.id,
    status,
    variants: nudge.variants.map((v) => ({ id: v.id, weight: v.weight })),
    controlIndex: control !== -1 ? control : nudge.variants.length > 0 ? 0 : -1,
    confidence,
    alpha,
    tuningExposures,
    rho2: mixingRho2(tuningExposures, alpha),
    cuped: options.cuped !== false && users.length > 0 && users.every((u) => covariatesOf(u).every(Number.isFinite)),
    // While an experiment runs, arms must match the weights; a concluded one sends everyone to the winner on purpose.
    srmApplies: status !== 'concluded',
    srmThreshold: options.srmThreshold ?? 0.001,
    minExposedPerArm: options.minExposedPerArm ?? 100,
    minConversions: options.minConversions ?? 10,
    guardrailEvents: nudge.analysis?.guardrailEvents ?? [],
    minDetectableEffect: options.minDetectableEffect ?? nudge.analysis?.minDetectableEffect ?? null,
    power: options.power ?? nudge.analysis?.power ?? 0.8,
    now: options.now ?? (Number.isFinite(last) ? last : 0),
  };
}
