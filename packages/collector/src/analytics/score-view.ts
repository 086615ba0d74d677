import { scoreDefinition, type NormalizedConfig, type ScoreDefinition } from '@pulse/core';
import type { ScoreList } from '../contract/scores.js';
import { PulseError } from '../errors.js';
import type { ScoredUser } from './population.js';

/**
 * The score a view shows (`?score=`, default: the default score) and the
 * config narrowed to it, so bands and milestones are that score's own.
 * Throws `invalid` naming the scores there are.
 *
 * @example
 * const { score, config } = scoreView(ctx.configs.current().config, req.query.score);
 */
export function scoreView(
  full: NormalizedConfig,
  scoreId: string | undefined,
): { score: ScoreDefinition; config: NormalizedConfig } {
  const score = scoreDefinition(full, scoreId === '' ? undefined : scoreId);
  if (score === undefined) {
    const ids = full.scores.map((s) => s.id).join(', ');
    throw new PulseError('invalid', `score: no score "${scoreId ?? ''}" in the config (${ids})`);
  }
  return { score, config: { ...full, scores: [score], defaultScore: score.id, models: score.models } };
}

/**
 * The population seen through one score: each user's state with that score's
 * fields at the top level (what the population views read).
 *
 * @example
 * overview(usersForScore(await scoredUsers(ctx), 'churnRisk'), config, now);
 */
export function usersForScore(users: ScoredUser[], scoreId: string): ScoredUser[] {
  return users.map((u) => {
    const s = u.state.scores[scoreId];
    return s === undefined ? u : { userId: u.userId, state: { ...u.state, ...s } };
  });
}

/**
 * `GET /v1/admin/scores`: every score with its bands, for the dashboard's switcher.
 *
 * @example
 * const list = scoreList(ctx.configs.current().config);
 */
export function scoreList(config: NormalizedConfig): ScoreList {
  return {
    defaultScore: config.defaultScore,
    scores: config.scores.map((s) => {
      const bands = new Map<string, { id: string; label?: string; min: number }>();
      for (const m of s.models) {
        for (const b of m.bands)
          if (!bands.has(b.id)) bands.set(b.id, { id: b.id, ...(b.label ? { label: b.label } : {}), min: b.min });
      }
      return {
        id: s.id,
        label: s.label,
        ...(s.description === undefined ? {} : { description: s.description }),
        direction: s.direction,
        isDefault: s.id === config.defaultScore,
        bands: [...bands.values()].sort((a, b) => a.min - b.min),
      };
    }),
  };
}
