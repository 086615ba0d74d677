import type { ScoringModel } from './model.js';
import { getOwn } from './own.js';

/**
 * The model that applies to a user: the first whose `appliesTo` matches the
 * user's traits, else the first model without `appliesTo`, else the first model.
 *
 * @example
 * selectModel([trialModel, defaultModel], { plan: 'trial' }); // → trialModel
 */
export function selectModel(
  models: readonly ScoringModel[],
  traits: Record<string, unknown> = {},
): ScoringModel | undefined {
  for (const model of models) {
    const rule = model.appliesTo;
    if (rule === undefined) continue;
    const value = getOwn(traits, rule.trait);
    if (rule.equals !== undefined && value === rule.equals) return model;
    if (rule.in !== undefined && rule.in.some((x) => x === value)) return model;
  }
  return models.find((m) => m.appliesTo === undefined) ?? models[0];
}
