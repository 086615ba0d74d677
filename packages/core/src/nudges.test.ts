import { describe, expect, it } from 'vitest';
import { milestoneProgress } from './milestones.js';
import { DESIGN_NUDGE, inviteModel } from '../test/saas-config.js';
import type { Nudge } from './model.js';
import { NUDGE_REASONS, nudgeDecision, nudgeDecisions, type NudgeContext } from './nudges.js';
import { addEvent, createRollup, type ScorableEvent } from './rollup.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const model = inviteModel();

/** The DESIGN.md nudge, with `extra` over it (a fresh copy each call). */
function inviteNudge(extra: Partial<Nudge> = {}): Nudge {
  return { ...structuredClone(DESIGN_NUDGE), ...extra };
}

const track = (event: string, at: number, properties: Record<string, unknown> = {}): ScorableEvent => ({
  type: 'track',
  event,
  properties,
  timestamp: at,
});
const nudgeEvent = (name: string, at: number, extra: Record<string, unknown> = {}) =>
  track(name, at, { nudgeId: 'invite-nudge', variant: 'social', ...extra });

/** A user first seen 3 days ago, in band `low`, who has created a project but invited no one. */
function context(events: ScorableEvent[] = [], band = 'low', userKey = 'user-1'): NudgeContext {
  const rollup = createRollup(model.id);
  for (const e of [track('Project Created', NOW - 3 * DAY), ...events]) addEvent(rollup, e, model);
  return { userKey, band, milestones: milestoneProgress(model, rollup), rollup, now: NOW };
}

describe('nudgeDecision: audience', () => {
  it('shows a segment nudge only to users the collector found in the segment', () => {
    const n = inviteNudge({ trigger: { ...DESIGN_NUDGE.trigger, segment: 'trial-low' } });
    expect(nudgeDecision(n, context())).toMatchObject({ eligible: false, reason: 'segment', variant: null });
    expect(nudgeDecision(n, { ...context(), segments: ['other'] })).toMatchObject({ reason: 'segment' });
    expect(nudgeDecision(n, { ...context(), segments: ['other', 'trial-low'] })).toMatchObject({
      eligible: true,
      reason: 'eligible',
    });
    // Still the other conditions: a band outside the trigger's is 'band' first.
    expect(nudgeDecision(n, { ...context([], 'high'), segments: ['trial-low'] })).toMatchObject({ reason: 'band' });
  });

  it('is eligible with a variant when the trigger holds and nothing caps it', () => {
    const d = nudgeDecision(inviteNudge(), context());
    expect(d).toMatchObject({ nudgeId: 'invite-nudge', eligible: true, reason: 'eligible' });
    expect(['control', 'social']).toContain(d.variant?.id);
  });

  it('is eligible for the control too, with null content', () => {
    const n = inviteNudge({ variants: [{ id: 'control', weight: 1, content: null }] });
    expect(nudgeDecision(n, context())).toMatchObject({ eligible: true, variant: { id: 'control', content: null } });
  });

  it('is held back with "paused" while the experiment is paused', () => {
    expect(nudgeDecision(inviteNudge({ status: 'paused' }), context())).toEqual({
      nudgeId: 'invite-nudge',
      eligible: false,
      reason: 'paused',
      variant: null,
    });
  });

  it('is held back while a draft or once stopped, naming which', () => {
    for (const status of ['draft', 'stopped'] as const) {
      expect(nudgeDecision(inviteNudge({ status }), context())).toEqual({
        nudgeId: 'invite-nudge',
        eligible: false,
        reason: status,
        variant: null,
      });
    }
  });

  it('is held back with "band" for a band outside the trigger', () => {
    expect(nudgeDecision(inviteNudge(), context([], 'high'))).toMatchObject({ eligible: false, reason: 'band' });
  });

  it('is held back with "milestone-complete" once the milestone is done', () => {
    const ctx = context([track('Teammate Invited', NOW - DAY)]);
    expect(nudgeDecision(inviteNudge(), ctx)).toMatchObject({ eligible: false, reason: 'milestone-complete' });
  });

  it('is held back with "unknown-milestone" when the model has no such milestone', () => {
    const n = inviteNudge({ trigger: { milestoneIncomplete: 'onboarding-call' } });
    expect(nudgeDecision(n, context())).toMatchObject({ eligible: false, reason: 'unknown-milestone' });
  });

  it('is held back with "too-new" before minDaysSinceFirstSeen whole days have passed', () => {
    const n = inviteNudge({ trigger: { minDaysSinceFirstSeen: 4 } });
    expect(nudgeDecision(n, context())).toMatchObject({ reason: 'too-new' });
    expect(nudgeDecision(inviteNudge({ trigger: { minDaysSinceFirstSeen: 3 } }), context())).toMatchObject({
      reason: 'eligible',
    });
  });

  it('is "too-new" for a user never seen', () => {
    const ctx: NudgeContext = { ...context(), rollup: createRollup(model.id) };
    expect(nudgeDecision(inviteNudge({ trigger: { minDaysSinceFirstSeen: 0 } }), ctx)).toMatchObject({
      reason: 'too-new',
    });
  });

  it('is held back with "event-missing" until the trigger event was seen', () => {
    const n = inviteNudge({ trigger: { event: 'Report Exported' } });
    expect(nudgeDecision(n, context())).toMatchObject({ reason: 'event-missing' });
    expect(nudgeDecision(n, context([track('Report Exported', NOW - HOUR)]))).toMatchObject({ reason: 'eligible' });
  });

  it('holds an empty trigger true for everyone', () => {
    expect(nudgeDecision(inviteNudge({ trigger: {} }), context([], 'high'))).toMatchObject({ reason: 'eligible' });
  });

  it('is held back with "no-variant" when no variant can be assigned', () => {
    const n = inviteNudge({ variants: [{ id: 'a', weight: 0, content: null }] });
    expect(nudgeDecision(n, context())).toMatchObject({ eligible: false, reason: 'no-variant', variant: null });
  });

  it('gives everyone the winner once concluded', () => {
    const n = inviteNudge({ status: 'concluded', winner: 'social' });
    expect(nudgeDecision(n, context([], 'low', 'someone-else'))).toMatchObject({
      reason: 'eligible',
      variant: { id: 'social' },
    });
  });
});

describe('nudgeDecision: frequency and history', () => {
  it('is held back with "goal-reached" when the goal event followed the exposure', () => {
    const ctx = context([nudgeEvent('Nudge Eligible', NOW - 2 * DAY), track('Teammate Invited', NOW - DAY)]);
    const n = inviteNudge({ trigger: {} });
    expect(nudgeDecision(n, ctx)).toMatchObject({ eligible: false, reason: 'goal-reached' });
  });

  it('ignores a goal event from before the exposure', () => {
    const ctx = context([track('Teammate Invited', NOW - 2 * DAY), nudgeEvent('Nudge Eligible', NOW - DAY)]);
    expect(nudgeDecision(inviteNudge({ trigger: {} }), ctx)).toMatchObject({ reason: 'eligible' });
  });

  it('is held back with "dismissed" after a dismissal', () => {
    const ctx = context([nudgeEvent('Nudge Dismissed', NOW - 5 * DAY)]);
    expect(nudgeDecision(inviteNudge(), ctx)).toMatchObject({ eligible: false, reason: 'dismissed' });
  });

  it('is held back with "snoozed" until a snooze ends', () => {
    const snoozed = context([nudgeEvent('Nudge Dismissed', NOW - HOUR, { snoozeHours: 2 })]);
    expect(nudgeDecision(inviteNudge(), snoozed)).toMatchObject({ reason: 'snoozed' });
    const ended = context([nudgeEvent('Nudge Dismissed', NOW - 3 * HOUR, { snoozeHours: 2 })]);
    expect(nudgeDecision(inviteNudge(), ended)).toMatchObject({ reason: 'eligible' });
  });

  it('is held back with "max-impressions" after maxImpressions shows', () => {
    const shows = [5, 4, 3].map((d) => nudgeEvent('Nudge Shown', NOW - d * DAY));
    expect(nudgeDecision(inviteNudge(), context(shows))).toMatchObject({ reason: 'max-impressions' });
    expect(nudgeDecision(inviteNudge(), context(shows.slice(1)))).toMatchObject({ reason: 'eligible' });
  });

  it('is held back with "cooldown" within cooldownHours of the last show', () => {
    expect(nudgeDecision(inviteNudge(), context([nudgeEvent('Nudge Shown', NOW - 23 * HOUR)]))).toMatchObject({
      reason: 'cooldown',
    });
    expect(nudgeDecision(inviteNudge(), context([nudgeEvent('Nudge Shown', NOW - 24 * HOUR)]))).toMatchObject({
      reason: 'eligible',
    });
  });

  it('keeps the variant when only the frequency cap holds the nudge back, so exposure can be logged', () => {
    const d = nudgeDecision(inviteNudge(), context([nudgeEvent('Nudge Dismissed', NOW - DAY)]));
    expect(d.eligible).toBe(false);
    expect(d.variant).not.toBeNull();
  });

  it('has no cap without a frequency', () => {
    const shows = [1, 2, 3, 4, 5].map((h) => nudgeEvent('Nudge Shown', NOW - h * HOUR));
    const n = inviteNudge();
    delete n.frequency;
    expect(nudgeDecision(n, context(shows))).toMatchObject({ reason: 'eligible' });
  });

  it('only returns reasons listed in NUDGE_REASONS', () => {
    const seen = [
      nudgeDecision(inviteNudge({ status: 'paused' }), context()).reason,
      nudgeDecision(inviteNudge(), context([], 'high')).reason,
      nudgeDecision(inviteNudge(), context([nudgeEvent('Nudge Dismissed', NOW)])).reason,
      nudgeDecision(inviteNudge(), context()).reason,
    ];
    for (const reason of seen) expect(NUDGE_REASONS).toContain(reason);
  });
});

describe('nudgeDecisions', () => {
  it('decides every nudge in config order', () => {
    const nudges = [inviteNudge({ id: 'b', trigger: {} }), inviteNudge({ id: 'a', status: 'paused' })];
    expect(nudgeDecisions(nudges, context()).map((d) => [d.nudgeId, d.reason])).toEqual([
      ['b', 'eligible'],
      ['a', 'paused'],
    ]);
  });

  it('returns nothing for no nudges', () => {
    expect(nudgeDecisions([], context())).toEqual([]);
  });
});

describe('nudgeDecision: a trigger that names a score', () => {
  const churnAudience = (band: string): Nudge =>
    inviteNudge({ trigger: { score: 'churnRisk', bands: [band], milestoneIncomplete: 'invite' } });
  const withChurn = (band: string): NudgeContext => {
    const ctx = context([], 'high');
    return {
      ...ctx,
      scores: {
        engagement: { band: 'high', milestones: ctx.milestones },
        churnRisk: { band, milestones: ctx.milestones },
      },
    };
  };

  it("reads that score's band, not the default score's", () => {
    expect(nudgeDecision(churnAudience('at-risk'), withChurn('at-risk')).reason).toBe('eligible');
    expect(nudgeDecision(churnAudience('at-risk'), withChurn('calm')).reason).toBe('band');
  });

  it('keeps a user without that score out of the audience', () => {
    expect(nudgeDecision(churnAudience('at-risk'), context([], 'at-risk')).reason).toBe('band');
  });

  it('still says "paused" first', () => {
    const n = { ...churnAudience('at-risk'), status: 'paused' as const };
    expect(nudgeDecision(n, context()).reason).toBe('paused');
  });
});
