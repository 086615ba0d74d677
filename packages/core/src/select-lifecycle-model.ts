import { matchesAll } from './match.js';
import type { LifecycleRule, ScoringModel } from './model.js';
import { getOwn } from './own.js';
import { utcDay } from './time.js';

/**
 * What lifecycle rules look at: the user's traits and the time of their first
 * and last event (null when they have none), at `now` (epoch ms).
 *
 * @example
 * const facts: LifecycleFacts = { traits: { plan: 'trial' }, firstSeen: 1795305600000, lastSeen: 1795392000000, now: Date.now() };
 */
export interface LifecycleFacts {
  traits: Record<string, unknown>;
  firstSeen: number | null;
  lastSeen: number | null;
  now: number;
}

const daysSince = (at: number | null, now: number): number => (at === null ? 0 : Math.max(0, utcDay(now) - utcDay(at)));

const within = (n: number, min: number | undefined, max: number | undefined): boolean =>
  (min === undefined || n >= min) && (max === undefined || n <= max);

/**
 * True when every condition of the rule holds for the user.
 *
 * @example
 * matchesLifecycle({ minDaysInactive: 30 }, { traits: {}, firstSeen: 0, lastSeen: 0, now: 40 * 86_400_000 }); // → true
 */
export function matchesLifecycle(rule: LifecycleRule, facts: LifecycleFacts): boolean {
  const age = daysSince(facts.firstSeen, facts.now);
  const inactive = daysSince(facts.lastSeen, facts.now);
  return (
    matchesAll(rule.traits, facts.traits) &&
    within(age, rule.minDaysSinceFirstSeen, rule.maxDaysSinceFirstSeen) &&
    within(inactive, rule.minDaysInactive, rule.maxDaysInactive)
  );
}

function matchesAppliesTo(model: ScoringModel, traits: Record<string, unknown>): boolean {
  const rule = model.appliesTo;
  if (rule === undefined) return true;
  const value = getOwn(traits, rule.trait);
  return (rule.equals !== undefined && value === rule.equals) || (rule.in?.some((x) => x === value) ?? false);
}

/**
 * The model that applies to a user once lifecycle rules count: the first model
 * with `appliesTo` and/or `lifecycle` whose every condition holds, else the
 * first model with neither (the default), else the first model. Without any
 * `lifecycle` in the config this is exactly `selectModel`. Kept apart from
 * `userState` (which the browser bundle carries): the collector evaluates the
 * rules and pins the model it chose.
 *
 * @example
 * selectLifecycleModel([dormant, trial, active], { traits: {}, firstSeen, lastSeen, now: Date.now() }); // → dormant after 30 quiet days
 */
export function selectLifecycleModel(models: readonly ScoringModel[], facts: LifecycleFacts): ScoringModel | undefined {
  for (const model of models) {
    if (model.appliesTo === undefined && model.lifecycle === undefined) continue;
    if (!matchesAppliesTo(model, facts.traits)) continue;
    if (model.lifecycle === undefined || matchesLifecycle(model.lifecycle, facts)) return model;
  }
  return models.find((m) => m.appliesTo === undefined && m.lifecycle === undefined) ?? models[0];
}
