import { DAY_MS, type Nudge, type ScorableEvent, type ScoringModel } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { inviteModel, NOW, SAAS_SIGNALS } from '../../../core/test/saas-config.js';
import { exposedUser } from './experiment-users.js';

// Ten points a project out of 100.
const model: ScoringModel = { ...inviteModel(), signals: [{ ...SAAS_SIGNALS[0]!, weight: 10 }] };

describe('exposedUser', () => {
  const nudge: Nudge = {
    id: 'n',
    placement: 'banner',
    trigger: {},
    variants: [
      { id: 'control', weight: 0.5, content: null },
      { id: 'b', weight: 0.5, content: { title: 'Hi' } },
    ],
    goal: { event: 'Project Created', withinDays: 7 },
  };
  const eligible = (at: number, variant: string): ScorableEvent => ({
    type: 'track',
    event: 'Nudge Eligible',
    properties: { nudgeId: 'n', variant },
    timestamp: at,
  });
  const goal = (at: number): ScorableEvent => ({ type: 'track', event: 'Project Created', timestamp: at });
  const t0 = NOW - 20 * DAY_MS;

  it('is null for a user never exposed', () => {
    expect(exposedUser(nudge, { model, events: [goal(t0)] }, NOW)).toBeNull();
  });

  it('uses the first exposure and its variant', () => {
    const r = exposedUser(nudge, { model, events: [eligible(t0 + DAY_MS, 'control'), eligible(t0, 'b')] }, NOW);
    expect(r?.variant).toBe('b');
  });

  it('counts exposures from the restart point only', () => {
    const restarted = { ...nudge, restartedAt: new Date(t0 + DAY_MS).toISOString() };
    expect(exposedUser(restarted, { model, events: [eligible(t0, 'b')] }, NOW)).toBeNull();
    const r = exposedUser(restarted, { model, events: [eligible(t0, 'b'), eligible(t0 + 2 * DAY_MS, 'control')] }, NOW);
    expect(r).toMatchObject({ variant: 'control', exposedAt: t0 + 2 * DAY_MS });
  });

  it('counts the goal only within the window after exposure', () => {
    expect(exposedUser(nudge, { model, events: [eligible(t0, 'b'), goal(t0 + 6 * DAY_MS)] }, NOW)?.converted).toBe(
      true,
    );
    expect(exposedUser(nudge, { model, events: [eligible(t0, 'b'), goal(t0 + 8 * DAY_MS)] }, NOW)?.converted).toBe(
      false,
    );
    expect(exposedUser(nudge, { model, events: [goal(t0 - DAY_MS), eligible(t0, 'b')] }, NOW)?.converted).toBe(false);
  });

  it('measures the score change from exposure to the end of the window', () => {
    const r = exposedUser(
      nudge,
      { model, events: [goal(t0 - DAY_MS), eligible(t0, 'b'), goal(t0 + DAY_MS), goal(t0 + 2 * DAY_MS)] },
      NOW,
    );
    expect([r?.scoreBefore, r?.scoreAfter]).toEqual([10, 30]);
  });

  it('records when the user was exposed and first converted within the window', () => {
    const r = exposedUser(
      nudge,
      { model, events: [eligible(t0, 'b'), goal(t0 + 3 * DAY_MS), goal(t0 + 2 * DAY_MS), goal(t0 + 9 * DAY_MS)] },
      NOW,
    );
    expect([r?.exposedAt, r?.convertedAt]).toEqual([t0, t0 + 2 * DAY_MS]);
    expect(exposedUser(nudge, { model, events: [eligible(t0, 'b')] }, NOW)?.convertedAt).toBeNull();
  });

  it('counts the goal events of the 14 days before exposure as a covariate', () => {
    const events = [
      goal(t0 - 15 * DAY_MS),
      goal(t0 - 13 * DAY_MS),
      goal(t0 - DAY_MS),
      goal(t0 + DAY_MS),
      eligible(t0, 'b'),
    ];
    expect(exposedUser(nudge, { model, events }, NOW)?.goalCountBefore).toBe(2);
  });

  it('lists the guardrail events sent within the window after exposure', () => {
    const guarded: Nudge = { ...nudge, analysis: { guardrailEvents: ['Churned', 'Downgraded'] } };
    const churned = (at: number): ScorableEvent => ({ type: 'track', event: 'Churned', timestamp: at });
    const downgraded = (at: number): ScorableEvent => ({ type: 'track', event: 'Downgraded', timestamp: at });
    const r = exposedUser(
      guarded,
      {
        model,
        events: [
          downgraded(t0 - DAY_MS),
          eligible(t0, 'b'),
          churned(t0 + DAY_MS),
          churned(t0 + 2 * DAY_MS),
          downgraded(t0 + 8 * DAY_MS),
        ],
      },
      NOW,
    );
    expect(r?.guardrailEvents).toEqual(['Churned']);
    expect(
      exposedUser(nudge, { model, events: [eligible(t0, 'b'), churned(t0 + DAY_MS)] }, NOW)?.guardrailEvents,
    ).toEqual([]);
  });
});
