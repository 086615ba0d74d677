import { DAY_MS, matchName, scoreEvents, type Nudge, type ScorableEvent, type ScoringModel } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { identifiedUsers, scorable, userEvents } from '../analytics/load-population.js';
import { modelFor } from '../scoring/user-scoring.js';
import { PRE_EXPOSURE_DAYS } from './experiment-design.js';
import type { ExposedUser } from './experiment-results.js';

/**
 * What the analysis needs of one user: the applied model, and the user's raw
 * events (skew-corrected times) in any order.
 *
 * @example
 * const u: ExperimentSubject = { model, events: [{ type: 'track', event: 'Nudge Eligible', properties: { nudgeId, variant: 'social' }, timestamp: 0 }] };
 */
export interface ExperimentSubject {
  model: ScoringModel;
  events: ScorableEvent[];
}

const time = (e: ScorableEvent) => (typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp));

/** Exposures before the restart point were assigned under other variants or weights: they do not count. */
function firstExposure(nudge: Nudge, events: ScorableEvent[]): { at: number; variant: string } | null {
  const from = nudge.restartedAt === undefined ? -Infinity : Date.parse(nudge.restartedAt);
  let exposure: { at: number; variant: string } | null = null;
  for (const e of events) {
    if (matchName(e) !== 'Nudge Eligible' || e.properties?.nudgeId !== nudge.id) continue;
    const variant = e.properties?.variant;
    const at = time(e);
    if (typeof variant === 'string' && at >= from && Number.isFinite(at) && (exposure === null || at < exposure.at))
      exposure = { at, variant };
  }
  return exposure;
}

/**
 * Turns a user's events into their experiment record: exposure is the first
 * `Nudge Eligible` for the nudge at or after its `restartedAt` (so the control counts like every arm), the
 * variant is the one recorded then, conversion is the goal event within
 * `goal.withinDays` after exposure (and its first time), and the score change
 * runs from exposure to the end of that window (or `now`, if sooner). The CUPED
 * covariates come from before exposure only: the score at exposure is the
 * scorer's result on the events up to then with `now` = the exposure time (what
 * the user's score was at that moment, whatever the history rows say), and the
 * goal count is over the 14 days before. Guardrail events are those of the
 * nudge's `analysis.guardrailEvents` sent within the window. `null` for users
 * never exposed.
 *
 * @example
 * const record = exposedUser(nudge, { model, events }, Date.now());
 */
export function exposedUser(nudge: Nudge, subject: ExperimentSubject, now: number): ExposedUser | null {
  const exposure = firstExposure(nudge, subject.events);
  if (exposure === null) return null;
  const end = exposure.at + nudge.goal.withinDays * DAY_MS;
  const since = exposure.at - PRE_EXPOSURE_DAYS * DAY_MS;
  const guarded = new Set(nudge.analysis?.guardrailEvents ?? []);
  let convertedAt: number | null = null;
  let goalCountBefore = 0;
  const guardrailEvents = new Set<string>();
  for (const e of subject.events) {
    const at = time(e);
    const name = matchName(e);
    const inWindow = at >= exposure.at && at <= end;
    if (name === nudge.goal.event) {
      if (inWindow && (convertedAt === null || at < convertedAt)) convertedAt = at;
      if (at >= since && at < exposure.at) goalCountBefore += 1;
    }
    if (inWindow && name !== undefined && guarded.has(name)) guardrailEvents.add(name);
  }
  const scoreAt = (at: number) =>
    scoreEvents(
      subject.events.filter((e) => time(e) <= at),
      subject.model,
      at,
    ).score;
  return {
    variant: exposure.variant,
    converted: convertedAt !== null,
    scoreBefore: scoreAt(exposure.at),
    scoreAfter: scoreAt(Math.min(end, now)),
    exposedAt: exposure.at,
    convertedAt,
    goalCountBefore,
    guardrailEvents: [...guardrailEvents],
  };
}

/**
 * The experiment records of every identified user exposed to a nudge (first
 * `Nudge Eligible`), from their raw events.
 *
 * @example
 * const exposed = await exposedUsers(ctx, nudge);
 */
export async function exposedUsers(ctx: CollectorContext, nudge: Nudge): Promise<ExposedUser[]> {
  const config = ctx.configs.current().config;
  const now = ctx.now();
  const out: ExposedUser[] = [];
  for await (const { record } of identifiedUsers(ctx)) {
    const exposed = Object.values(record.rollups).some((r) => Object.hasOwn(r.nudges, nudge.id));
    if (!exposed) continue;
    const model = modelFor(record, config, now);
    const events = (await userEvents(ctx, record.key)).map(scorable);
    const result = exposedUser(nudge, { model, events }, now);
    if (result !== null) out.push(result);
  }
  return out;
}
