import type { Nudge, PulseConfig, ScoreDefinition, ScoringModel } from './model.js';

/** The id a config in the single-score shape (top-level `models`) gives its one score. */
export const LEGACY_SCORE_ID = 'engagement';

/**
 * A config in one form, whatever shape it was written in: every score (a
 * single-score config has one, `engagement`), the default score's id, every
 * model of every score in `models` (model ids are unique across the config, so
 * rollups stay keyed by model id), and every nudge in `nudges` (a score's
 * `actions` included, their trigger naming the score).
 *
 * @example
 * const c: NormalizedConfig = normalizeConfig({ models: [saas] });
 * c.scores[0].id; // → 'engagement'
 */
export interface NormalizedConfig extends PulseConfig {
  scores: ScoreDefinition[];
  defaultScore: string;
  models: ScoringModel[];
  nudges: Nudge[];
}

function withMilestones(score: ScoreDefinition): ScoringModel[] {
  const shared = score.milestones;
  if (shared === undefined) return score.models;
  return score.models.map((m) => (m.milestones === undefined ? { ...m, milestones: shared } : m));
}

/**
 * Turns a config of either shape into a `NormalizedConfig`. Pure and
 * idempotent: a normalised config normalises to an equal one. Expects a
 * config `validateConfig` accepts.
 *
 * @example
 * const config = normalizeConfig(assertConfig(json));
 * config.scores.map((s) => s.id); // → ['engagement', 'churnRisk']
 */
export function normalizeConfig(config: PulseConfig): NormalizedConfig {
  const given = config.scores ?? [
    { id: LEGACY_SCORE_ID, label: 'Engagement', direction: 'higher-is-better', models: config.models ?? [] },
  ];
  const actions: Nudge[] = [];
  const scores = given.map((s): ScoreDefinition => {
    for (const a of s.actions ?? []) actions.push({ ...a, trigger: { ...a.trigger, score: a.trigger.score ?? s.id } });
    const out: ScoreDefinition = { ...s, models: withMilestones(s) };
    delete out.actions;
    return out;
  });
  return {
    ...config,
    scores,
    defaultScore: config.defaultScore ?? scores[0]?.id ?? LEGACY_SCORE_ID,
    models: scores.flatMap((s) => s.models),
    nudges: [...(config.nudges ?? []), ...actions],
  };
}

/**
 * The score with this id (the default score when `id` is undefined).
 *
 * @example
 * scoreDefinition(normalizeConfig(config), 'churnRisk')?.direction; // → 'higher-is-worse'
 */
export function scoreDefinition(config: NormalizedConfig, id?: string): ScoreDefinition | undefined {
  const wanted = id ?? config.defaultScore;
  return config.scores.find((s) => s.id === wanted);
}

/**
 * The score a model belongs to.
 *
 * @example
 * scoreOfModel(config, 'churn-default'); // → 'churnRisk'
 */
export function scoreOfModel(config: NormalizedConfig, modelId: string): string | undefined {
  return config.scores.find((s) => s.models.some((m) => m.id === modelId))?.id;
}
