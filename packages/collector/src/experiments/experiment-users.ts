import { DAY_MS, matchName, scoreEvents, type Nudge, type ScorableEvent, type ScoringModel } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { identifiedUsers, scorable, userEvents } from '../analytics/load-population.js';
import { modelFor } from '../scoring/user-scoring.js';
import type { ExposedUser } from './analyze-experiment.js';

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

/**
 * Turns a user's events into their experiment record: exposure is the first
 * `Nudge Eligible` for the nudge (so the control counts like every arm), the
 * variant is the one recorded then, conversion is the goal event within
 * `goal.withinDays` after exposure, and the score change runs from exposure to
 * the end of that window (or `now`, if sooner). `null` for users never exposed.
 *
 * @example
 * const record = exposedUser(nudge, { model, events }, Date.now());
 */
export function exposedUser(nudge: Nudge, subject: ExperimentSubject, now: number): ExposedUser | null {
  let exposure: { at: number; variant: string } | null = null;
  for (const e of subject.events) {
    if (matchName(e) !== 'Nudge Eligible' || e.properties?.nudgeId !== nudge.id) continue;
    const variant = e.properties?.variant;
    const at = time(e);
    if (typeof variant === 'string' && Number.isFinite(at) && (exposure === null || at < exposure.at))
      exposure = { at, variant };
  }
  if (exposure === null) return null;
  const end = exposure.at + nudge.goal.withinDays * DAY_MS;
  const converted = subject.events.some((e) => {
    const at = time(e);
    return matchName(e) === nudge.goal.event && at >= (exposure as { at: number }).at && at <= end;
  });
  const before = scoreEvents(
    subject.events.filter((e) => time(e) <= (exposure as { at: number }).at),
    subject.model,
    exposure.at,
  ).score;
  const afterAt = Math.min(end, now);
  const after = scoreEvents(
    subject.events.filter((e) => time(e) <= afterAt),
    subject.model,
    afterAt,
  ).score;
  return { variant: exposure.variant, converted, scoreBefore: before, scoreAfter: after };
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
