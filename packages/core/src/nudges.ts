import { assignVariant } from './assign.js';
import type { Nudge, NudgeVariant } from './model.js';
import type { MilestoneProgress } from './milestones.js';
import { getOwn } from './own.js';
import type { Rollup } from './rollup.js';
import { DAY_MS } from './time.js';

/** Why a nudge is or is not shown, most decisive first. */
export const NUDGE_REASONS = [
  'eligible',
  'paused',
  'draft',
  'stopped',
  'band',
  'segment',
  'milestone-complete',
  'unknown-milestone',
  'too-new',
  'event-missing',
  'goal-reached',
  'dismissed',
  'snoozed',
  'max-impressions',
  'cooldown',
  'no-variant',
] as const;

/**
 * One of `NUDGE_REASONS`.
 *
 * @example
 * const r: NudgeReason = 'cooldown';
 */
export type NudgeReason = (typeof NUDGE_REASONS)[number];

/**
 * What eligibility needs to know about the user.
 *
 * @example
 * const ctx: NudgeContext = { userKey: 'u1', band: 'low', milestones, rollup, now: Date.now() };
 */
export interface NudgeContext {
  /** The key assignment hashes: the user id, else the anonymous id. */
  userKey: string;
  band: string;
  milestones: MilestoneProgress;
  rollup: Rollup;
  now: number;
  /** Every score's band and milestones by score id, for triggers that name a score. */
  scores?: Record<string, { band: string; milestones: MilestoneProgress }>;
}

/**
 * A nudge's decision for one user. `variant` is set whenever the user is in the
 * experiment's audience, also for the control (whose `content` is `null`) and
 * when only the frequency cap holds it back, so exposure can be logged.
 *
 * @example
 * const d: NudgeDecision = { nudgeId: 'invite-nudge', eligible: true, reason: 'eligible', variant };
 */
export interface NudgeDecision {
  nudgeId: string;
  eligible: boolean;
  reason: NudgeReason;
  variant: NudgeVariant | null;
}

function audienceReason(nudge: Nudge, ctx: NudgeContext): NudgeReason | null {
  const { rollup, now } = ctx;
  const t = nudge.trigger;
  // A trigger naming a score the user has no state for is outside its audience.
  const target = t.score === undefined ? ctx : getOwn(ctx.scores ?? {}, t.score);
  const status = nudge.status;
  // draft, paused, stopped: nobody is in the audience.
  if (status && status !== 'running' && status !== 'concluded') return status;
  if (target === undefined) return 'band';
  const { band, milestones } = target;
  const first = rollup.firstSeen;
  const milestone =
    t.milestoneIncomplete === undefined ? null : milestones.items.find((i) => i.id === t.milestoneIncomplete);
  if (t.bands !== undefined && !t.bands.includes(band)) return 'band';
  if (milestone === undefined) return 'unknown-milestone';
  if (milestone?.done) return 'milestone-complete';
  if (
    t.minDaysSinceFirstSeen !== undefined &&
    (first === null || Math.floor((now - first) / DAY_MS) < t.minDaysSinceFirstSeen)
  ) {
    return 'too-new';
  }
  if (t.event !== undefined && getOwn(rollup.events, t.event) === undefined) return 'event-missing';
  return null;
}

function frequencyReason(nudge: Nudge, { rollup, now }: NudgeContext): NudgeReason {
  const state = getOwn(rollup.nudges, nudge.id);
  const goal = getOwn(rollup.events, nudge.goal.event);
  const f = nudge.frequency ?? {};
  if (state === undefined) return 'eligible';
  if (state.exposedAt !== null && goal !== undefined && goal.last >= state.exposedAt) return 'goal-reached';
  if (state.dismissedAt !== null) return 'dismissed';
  if (state.snoozedUntil !== null && now < state.snoozedUntil) return 'snoozed';
  if (state.impressions >= (f.maxImpressions ?? Infinity)) return 'max-impressions';
  if (state.lastShownAt !== null && now - state.lastShownAt < (f.cooldownHours ?? -Infinity) * 3_600_000)
    return 'cooldown';
  return 'eligible';
}

/**
 * Decides whether a nudge applies to a user now and which variant they get: the
 * trigger (bands, an incomplete milestone, days since first seen, an event seen),
 * then the experiment status, then dismissals, snoozes and the frequency cap.
 * The same function runs in the widget and the collector, so both agree.
 *
 * @example
 * const d = nudgeDecision(nudge, { userKey: 'u1', band: 'low', milestones, rollup, now: Date.now() });
 * if (d.eligible && d.variant?.content) show(d.variant.content);
 */
export function nudgeDecision(nudge: Nudge, ctx: NudgeContext): NudgeDecision {
  const audience = audienceReason(nudge, ctx);
  const variant = audience ? null : assignVariant(nudge, ctx.userKey);
  const reason = audience ?? (variant ? frequencyReason(nudge, ctx) : 'no-variant');
  return { nudgeId: nudge.id, eligible: reason === 'eligible', reason, variant };
}

/**
 * The decisions for every nudge in config order.
 *
 * @example
 * const shown = nudgeDecisions(config.nudges ?? [], ctx).filter((d) => d.eligible);
 */
export function nudgeDecisions(nudges: readonly Nudge[], ctx: NudgeContext): NudgeDecision[] {
  return nudges.map((n) => nudgeDecision(n, ctx));
}
