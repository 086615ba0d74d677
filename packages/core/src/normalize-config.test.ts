import { describe, expect, it } from 'vitest';
import { DESIGN_NUDGE, inviteModel } from '../test/saas-config.js';
import type { PulseConfig, ScoringModel } from './model.js';
import { LEGACY_SCORE_ID, normalizeConfig, scoreDefinition, scoreOfModel } from './normalize-config.js';

const churn: ScoringModel = {
  id: 'churn',
  windowDays: 30,
  signals: [{ id: 'tickets', event: 'Support Ticket Opened', weight: 20 }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'calm', min: 0 },
    { id: 'at-risk', min: 60 },
  ],
};

const twoScores = (): PulseConfig => ({
  scores: [
    { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: [inviteModel()] },
    { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', models: [churn] },
  ],
});

describe('normalizeConfig', () => {
  it('reads the single-score shape as one score named engagement', () => {
    const c = normalizeConfig({ models: [inviteModel()], nudges: [DESIGN_NUDGE] });
    expect(c.scores).toEqual([
      { id: LEGACY_SCORE_ID, label: 'Engagement', direction: 'higher-is-better', models: [inviteModel()] },
    ]);
    expect(c.defaultScore).toBe('engagement');
    expect(c.models).toEqual([inviteModel()]);
    expect(c.nudges).toEqual([DESIGN_NUDGE]);
  });

  it('lists every score’s models in models and defaults to the first score', () => {
    const c = normalizeConfig(twoScores());
    expect(c.models.map((m) => m.id)).toEqual(['saas', 'churn']);
    expect(c.defaultScore).toBe('engagement');
    expect(normalizeConfig({ ...twoScores(), defaultScore: 'churnRisk' }).defaultScore).toBe('churnRisk');
  });

  it('gives a score’s milestones to its models that have none of their own', () => {
    const config = twoScores();
    const shared = [{ id: 'ticket', event: 'Support Ticket Opened', title: 'Open a ticket' }];
    config.scores![1]!.milestones = shared;
    const c = normalizeConfig(config);
    expect(c.models.find((m) => m.id === 'churn')?.milestones).toEqual(shared);
    expect(c.models.find((m) => m.id === 'saas')?.milestones).toEqual(inviteModel().milestones);
  });

  it('moves a score’s actions to nudges, their trigger naming the score', () => {
    const config = twoScores();
    config.scores![1]!.actions = [{ ...DESIGN_NUDGE, id: 'save-offer', trigger: { bands: ['at-risk'] } }];
    const c = normalizeConfig(config);
    expect(c.nudges.map((n) => [n.id, n.trigger.score])).toEqual([['save-offer', 'churnRisk']]);
    expect(c.scores[1]).not.toHaveProperty('actions');
  });

  it('is idempotent', () => {
    const config = twoScores();
    config.scores![1]!.actions = [{ ...DESIGN_NUDGE, id: 'save-offer', trigger: { bands: ['at-risk'] } }];
    const once = normalizeConfig(config);
    expect(normalizeConfig(once)).toEqual(once);
  });

  it('finds a score by id and a model’s score', () => {
    const c = normalizeConfig(twoScores());
    expect(scoreDefinition(c)?.id).toBe('engagement');
    expect(scoreDefinition(c, 'churnRisk')?.direction).toBe('higher-is-worse');
    expect(scoreDefinition(c, 'upsell')).toBeUndefined();
    expect(scoreOfModel(c, 'churn')).toBe('churnRisk');
  });
});
