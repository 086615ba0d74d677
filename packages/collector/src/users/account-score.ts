import { bandOf, getOwn, utcDay, type AccountSettings, type NormalizedConfig, type ScoringModel } from '@pulse/core';
import type { AccountMemberRow } from '../store/store.js';

/**
 * The model whose bands name account scores in one score (default: the default
 * score): that score's model without `appliesTo` or `lifecycle` (its fallback),
 * else its first.
 *
 * @example
 * accountModel(config).bands;
 */
export function accountModel(config: NormalizedConfig, scoreId = config.defaultScore): ScoringModel {
  const score = config.scores.find((s) => s.id === scoreId) ?? config.scores[0];
  const models = score?.models ?? config.models;
  return (models.find((m) => m.appliesTo === undefined && m.lifecycle === undefined) ?? models[0]) as ScoringModel;
}

/** A member's scored events in their model's window up to `now` (the activity weight). */
function activity(m: AccountMemberRow, config: NormalizedConfig, now: number): number {
  const model = config.models.find((x) => x.id === m.user.modelId);
  const rollup = model === undefined ? undefined : getOwn(m.user.rollups, model.id);
  if (model === undefined || rollup === undefined) return 0;
  const from = utcDay(now) - model.windowDays + 1;
  let n = 0;
  for (const days of Object.values(rollup.signals)) {
    for (const [day, stat] of Object.entries(days)) if (Number(day) >= from) n += stat[0];
  }
  return n;
}

/**
 * A member's weight in the account score under `settings`: 1 for `mean` and
 * `max`, their scored events in the window for `activity`, and
 * `weights[their weightTrait]` (default 1) for `trait`.
 *
 * @example
 * memberWeight(member, { aggregation: 'trait', weightTrait: 'role', weights: { admin: 3 } }, config, Date.now());
 */
export function memberWeight(
  m: AccountMemberRow,
  settings: AccountSettings,
  config: NormalizedConfig,
  now: number,
): number {
  switch (settings.aggregation ?? 'mean') {
    case 'activity':
      return activity(m, config, now);
    case 'trait': {
      const value = getOwn(m.user.traits, settings.weightTrait ?? 'role');
      return getOwn(settings.weights ?? {}, String(value)) ?? 1;
    }
    default:
      return 1;
  }
}

/**
 * The account score from its members' scores and weights: the highest score for
 * `max`, else the weighted mean (an account whose weights are all 0, such as
 * no activity in the window, falls back to the plain mean), rounded.
 *
 * @example
 * accountScore([{ score: 40, weight: 1 }, { score: 80, weight: 3 }], 'trait'); // → 70
 */
export function accountScore(members: { score: number; weight: number }[], aggregation = 'mean'): number {
  if (members.length === 0) return 0;
  if (aggregation === 'max') return Math.max(...members.map((m) => m.score));
  const total = members.reduce((s, m) => s + m.weight, 0);
  if (total <= 0) return Math.round(members.reduce((s, m) => s + m.score, 0) / members.length);
  return Math.round(members.reduce((s, m) => s + m.score * m.weight, 0) / total);
}

/**
 * The band of an account score, by the account model's bands (of `scoreId`,
 * default the default score).
 *
 * @example
 * accountBand(config, 62); // → 'medium'
 */
export function accountBand(config: NormalizedConfig, score: number, scoreId?: string): string {
  return bandOf(accountModel(config, scoreId), score);
}
