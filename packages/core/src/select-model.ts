import type { ScoringModel } from './model.js';
import { getOwn } from './own.js';

/**
 * The model that applies to a user: the first whose `appliesTo` matches the
 * user's traits, else the first model without `appliesTo` or `lifecycle`, else
 * the first model. Lifecycle models need the user's first and last event, so
 * only the collector's `selectLifecycleModel` picks them.
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
    if (rule === undefined || model.lifecycle !== undefined) continue;
    const value = getOwn(traits, rule.trait);
    if ((rule.equals !== undefined && value === rule.equals) || rule.in?.some((x) => x === value)) return model;
  }
  return models.find((m) => m.appliesTo === undefined && m.lifecycle === undefined) ?? models[0];
}
