import { describe, expect, it } from 'vitest';
import { milestoneProgress } from './milestones.js';
import type { PulseConfig, ScoringModel } from './model.js';
import { nudgeDecisions } from './nudges.js';
import { addEvent, createRollup, mergeRollups, type Rollup, type ScorableEvent } from './rollup.js';
import { score } from './score.js';
import { scoredUser, userNudges, userState } from './user-state.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;

const bands = [
  { id: 'low', min: 0 },
  { id: 'high', min: 50 },
];
const trial: ScoringModel = {
  id: 'trial',
  windowDays: 14,
  signals: [{ id: 'projects', event: 'Project Created', weight: 10 }],
  scale: { maxPoints: 40 },
  bands,
  milestones: [{ id: 'project', event: 'Project Created', title: 'Create a project' }],
  appliesTo: { trait: 'plan', equals: 'trial' },
};
const paid: ScoringModel = {
  id: 'paid',
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight: 1 }],
  scale: { maxPoints: 100 },
  bands,
};
const config: PulseConfig = {
  models: [trial, paid],
  nudges: [
    {
      id: 'create-project',
      placement: 'toast',
      trigger: { bands: ['low'], milestoneIncomplete: 'project' },
      variants: [{ id: 'only', weight: 1, content: { title: 'Create your first project' } }],
      goal: { event: 'Project Created', withinDays: 7 },
    },
  ],
};

const created = (daysAgo: number): ScorableEvent => ({ event: 'Project Created', timestamp: NOW - daysAgo * DAY });

function rollupOf(model: ScoringModel, events: ScorableEvent[]): Rollup {
  const r = createRollup(model.id);
  for (const e of events) addEvent(r, e, model);
  return r;
}

describe('userState', () => {
  const rollups = { trial: rollupOf(trial, [created(1), created(2)]), paid: rollupOf(paid, [created(1), created(2)]) };

  it('scores under the model the traits select', () => {
    const s = userState({ config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW });
    expect(s).toMatchObject({ modelId: 'trial', points: 20, score: 50, band: 'high' });
  });

  it('falls back to the default model', () => {
    const s = userState({ config, rollups, traits: { plan: 'pro' }, userKey: 'u1', now: NOW });
    expect(s).toMatchObject({ modelId: 'paid', points: 2, score: 2, band: 'low' });
  });

  it('is score, milestones and nudge decisions of the same rollup', () => {
    const s = userState({ config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW });
    const expectedScore = score(rollups.trial, trial, NOW);
    const milestones = milestoneProgress(trial, rollups.trial);
    const { scores, ...top } = s;
    expect(scores).toEqual({
      engagement: {
        ...expectedScore,
        scoreId: 'engagement',
        milestones,
        rollup: rollups.trial,
        label: 'Engagement',
        direction: 'higher-is-better',
      },
    });
    expect(top).toEqual({
      ...expectedScore,
      scoreId: 'engagement',
      userKey: 'u1',
      milestones,
      nudges: nudgeDecisions(config.nudges ?? [], {
        userKey: 'u1',
        band: expectedScore.band,
        milestones,
        rollup: rollups.trial,
        now: NOW,
      }),
      asOf: '2026-11-25T12:00:00.000Z',
      rollup: rollups.trial,
    });
  });

  it('starts from an empty rollup for a user without one', () => {
    const s = userState({ config, rollups: {}, traits: { plan: 'trial' }, userKey: 'new', now: NOW });
    expect(s).toMatchObject({ points: 0, score: 0, band: 'low', milestones: { done: 0, total: 1 } });
    expect(s.rollup).toEqual(createRollup('trial'));
    expect(s.nudges).toMatchObject([{ nudgeId: 'create-project', eligible: true, variant: { id: 'only' } }]);
  });

  it('accepts now as an ISO string', () => {
    const s = userState({ config, rollups, userKey: 'u1', now: '2026-11-25T12:00:00Z' });
    expect(s.asOf).toBe('2026-11-25T12:00:00.000Z');
  });

  it('gives the same state for acknowledged + pending events merged as for all events at once', () => {
    const acknowledged = rollupOf(paid, [created(1), created(9)]);
    const pending = rollupOf(paid, [created(0)]);
    const merged = userState({
      config,
      rollups: { paid: mergeRollups(acknowledged, pending) },
      userKey: 'u',
      now: NOW,
    });
    const all = userState({
      config,
      rollups: { paid: rollupOf(paid, [created(0), created(1), created(9)]) },
      userKey: 'u',
      now: NOW,
    });
    expect(merged).toEqual(all);
  });

  it('throws when the config has no models', () => {
    expect(() => userState({ config: { models: [] }, rollups: {}, userKey: 'u', now: NOW })).toThrow(/models/);
  });
});

describe('scoredUser and userNudges', () => {
  const rollups = { trial: rollupOf(trial, []), paid: rollupOf(paid, [created(1)]) };
  const input = { config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW };

  it('scoredUser is userState without the nudge decisions', () => {
    const { nudges, scores: _scores, ...rest } = userState(input);
    expect(nudges).toHaveLength(1);
    expect(scoredUser(input)).toEqual(rest);
    expect(scoredUser(input)).not.toHaveProperty('nudges');
  });

  it("userNudges decides at the user's asOf what userState decides", () => {
    const user = scoredUser(input);
    expect(userNudges(user, config.nudges ?? [])).toEqual(userState(input).nudges);
    expect(userNudges(user, config.nudges ?? [])[0]).toMatchObject({ eligible: true, reason: 'eligible' });
  });

  it('userNudges follows the rollup: a done milestone ends the nudge', () => {
    const done = scoredUser({ ...input, rollups: { trial: rollupOf(trial, [created(0)]) } });
    expect(userNudges(done, config.nudges ?? [])[0]).toMatchObject({ eligible: false });
  });

  it('userNudges takes an explicit time', () => {
    const snoozed = rollupOf(trial, [
      { event: 'Nudge Dismissed', properties: { nudgeId: 'create-project', snoozeHours: 1 }, timestamp: NOW },
    ]);
    const user = scoredUser({ ...input, rollups: { trial: snoozed } });
    expect(userNudges(user, config.nudges ?? [])[0]?.reason).toBe('snoozed');
    expect(userNudges(user, config.nudges ?? [], NOW + 2 * 3_600_000)[0]?.reason).toBe('eligible');
  });
});

describe('userState with several scores', () => {
  const churn: ScoringModel = {
    id: 'churn',
    windowDays: 30,
    signals: [{ id: 'tickets', event: 'Support Ticket Opened', weight: 30 }],
    scale: { maxPoints: 60 },
    bands: [
      { id: 'calm', min: 0 },
      { id: 'at-risk', min: 50 },
    ],
  };
  const ticket = (daysAgo: number): ScorableEvent => ({
    event: 'Support Ticket Opened',
    timestamp: NOW - daysAgo * DAY,
  });
  const multi = {
    scores: [
      { id: 'engagement', label: 'Engagement', direction: 'higher-is-better' as const, models: [trial, paid] },
      { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse' as const, models: [churn] },
    ],
    defaultScore: 'churnRisk',
    nudges: [
      {
        id: 'save-offer',
        placement: 'banner' as const,
        trigger: { score: 'churnRisk', bands: ['at-risk'] },
        variants: [{ id: 'only', weight: 1, content: { title: 'Talk to us' } }],
        goal: { event: 'Call Booked', withinDays: 7 },
      },
    ],
  };
  const rollups = { trial: rollupOf(trial, [created(1), created(2)]), churn: rollupOf(churn, [ticket(1)]) };

  it('scores every score, the default one at the top level', () => {
    const s = userState({ config: multi, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW });
    expect(s).toMatchObject({ scoreId: 'churnRisk', modelId: 'churn', score: 50, band: 'at-risk' });
    expect(s.scores.engagement).toMatchObject({ modelId: 'trial', score: 50, band: 'high', label: 'Engagement' });
    expect(s.scores.churnRisk).toMatchObject({ score: 50, band: 'at-risk', direction: 'higher-is-worse' });
  });

  it('decides a nudge on the score its trigger names', () => {
    const risky = userState({ config: multi, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW });
    const calm = userState({
      config: multi,
      rollups: { ...rollups, churn: createRollup('churn') },
      traits: { plan: 'trial' },
      userKey: 'u1',
      now: NOW,
    });
    expect(risky.nudges[0]?.reason).toBe('eligible');
    expect(calm.nudges[0]?.reason).toBe('band');
  });

  it('userNudges on a user with its scores decides as userState does', () => {
    const s = userState({ config: multi, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: NOW });
    expect(userNudges(s, multi.nudges)).toEqual(s.nudges);
  });
});
