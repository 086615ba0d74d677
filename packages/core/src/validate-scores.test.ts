import { describe, expect, it } from 'vitest';
import { DESIGN_NUDGE, inviteModel } from '../test/saas-config.js';
import { validateConfig } from './validate-config.js';

type Json = Record<string, unknown>;

const churn = (): Json => ({
  id: 'churn',
  windowDays: 30,
  signals: [{ id: 'tickets', event: 'Support Ticket Opened', weight: 20 }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'calm', min: 0 },
    { id: 'at-risk', min: 60 },
  ],
});

const config = (): Json & { scores: Json[] } => ({
  scores: [
    { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: [inviteModel()] },
    { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', models: [churn()] },
  ],
});

const issue = (path: string, message: string) => ({ path, message });

describe('validateConfig: scores', () => {
  it('accepts several scores with a default', () => {
    expect(validateConfig({ ...config(), defaultScore: 'churnRisk' })).toEqual([]);
  });

  it('names a score’s bad fields', () => {
    const c = config();
    c.scores[1] = { id: 'engagement', direction: 'up', models: [], extra: 1 };
    expect(validateConfig(c)).toEqual([
      issue('scores[1].extra', 'is not a known field'),
      issue('scores[1].id', 'duplicates "engagement"'),
      issue('scores[1].label', 'must be a non-empty string (what the dashboard calls the score)'),
      issue('scores[1].direction', 'must be one of higher-is-better, higher-is-worse'),
      issue('scores[1].models', 'must be a non-empty array of models'),
    ]);
  });

  it('wants a non-empty scores array, not both shapes', () => {
    expect(validateConfig({ scores: [] })).toEqual([issue('scores', 'must be a non-empty array of scores')]);
    expect(validateConfig({ ...config(), models: [inviteModel()] })).toContainEqual(
      issue('models', 'cannot be used with scores: move the models into a score'),
    );
  });

  it('wants defaultScore to name a score, and only with scores', () => {
    expect(validateConfig({ ...config(), defaultScore: 'upsell' })).toEqual([
      issue('defaultScore', 'must name one of the scores (engagement, churnRisk)'),
    ]);
    expect(validateConfig({ models: [inviteModel()], defaultScore: 'engagement' })).toEqual([
      issue('defaultScore', 'needs scores (a config with models has one score)'),
    ]);
  });

  it('wants model ids unique across scores (rollups are keyed by model id)', () => {
    const c = config();
    (c.scores[1] as { models: Json[] }).models = [{ ...churn(), id: 'saas' }];
    expect(validateConfig(c)).toEqual([issue('scores[1].models[0].id', 'duplicates "saas" (scores[0].models[0].id)')]);
  });

  it('checks models inside a score by their path', () => {
    const c = config();
    (c.scores[1] as { models: Json[] }).models = [{ ...churn(), windowDays: 0 }];
    expect(validateConfig(c)).toEqual([issue('scores[1].models[0].windowDays', 'must be ≥ 1')]);
  });

  it('checks nudge bands against the score the trigger names, else the default score', () => {
    const nudge = (trigger: Json) => ({ ...structuredClone(DESIGN_NUDGE), trigger });
    expect(validateConfig({ ...config(), nudges: [nudge({ score: 'churnRisk', bands: ['at-risk'] })] })).toEqual([]);
    expect(validateConfig({ ...config(), nudges: [nudge({ bands: ['at-risk'] })] })).toEqual([
      issue('nudges[0].trigger.bands[0]', 'is not a band of score "engagement" ("at-risk")'),
    ]);
    expect(validateConfig({ ...config(), nudges: [nudge({ score: 'upsell' })] })).toEqual([
      issue('nudges[0].trigger.score', 'must name one of the scores (engagement, churnRisk)'),
    ]);
  });

  it('checks a score’s actions as nudges of that score', () => {
    const c = config();
    c.scores[1]!.actions = [{ ...structuredClone(DESIGN_NUDGE), id: 'save', trigger: { bands: ['low'] } }];
    expect(validateConfig(c)).toEqual([
      issue('scores[1].actions[0].trigger.bands[0]', 'is not a band of score "churnRisk" ("low")'),
    ]);
  });

  it('checks a score’s shared milestones', () => {
    const c = config();
    c.scores[1]!.milestones = [{ id: 'm' }];
    expect(validateConfig(c).map((i) => i.path)).toEqual(
      expect.arrayContaining(['scores[1].milestones[0].event', 'scores[1].milestones[0].title']),
    );
  });

  it('checks retention against models in every score', () => {
    const c = { ...config(), retention: { eventsDays: 20 } };
    expect(validateConfig(c).map((i) => i.path)).toEqual([
      'scores[0].models[0].windowDays',
      'scores[1].models[0].windowDays',
    ]);
  });
});
