import {
  addEvent,
  createRollup,
  mergeRollups,
  score,
  selectModel,
  utcDay,
  type PulseConfig,
  type PulseEvent,
  type Rollup,
  type ScoreResult,
  type ScoringModel,
} from '@pulse/core';
import { getOwn, isRecord, setOwn } from './own.js';
import type { UserRecord } from './store/store.js';

/**
 * Folds one stored event into a user: every model's rollup (so switching the
 * applied model never needs a rescore) and, for identify, the traits.
 *
 * @example
 * applyEvent(user, event, at, config.models);
 */
export function applyEvent(user: UserRecord, event: PulseEvent, at: number, models: readonly ScoringModel[]): void {
  const scorable = { type: event.type, event: event.event, properties: event.properties ?? undefined, timestamp: at };
  for (const model of models) {
    let rollup = getOwn(user.rollups, model.id);
    if (rollup === undefined) {
      rollup = createRollup(model.id);
      setOwn(user.rollups, model.id, rollup);
    }
    addEvent(rollup, scorable, model);
  }
  if (event.type === 'identify' && isRecord(event.traits)) mergeTraits(user.traits, event.traits);
}

/**
 * Shallow-merges new traits over old ones, own keys only (`__proto__` skipped).
 *
 * @example
 * mergeTraits(user.traits, { plan: 'pro' });
 */
export function mergeTraits(into: Record<string, unknown>, traits: Record<string, unknown>): void {
  for (const key of Object.keys(traits)) if (key !== '__proto__') setOwn(into, key, traits[key]);
}

/**
 * Merges an identity (an anonymous visitor, or an aliased former user id) into
 * the user it turned out to be: rollups are combined with `mergeRollups`, and
 * the user's own traits win over the merged ones.
 *
 * @example
 * mergeUser(users.get('u:42'), users.get('a:f0e1'), config.models);
 */
export function mergeUser(into: UserRecord, from: UserRecord, models: readonly ScoringModel[]): void {
  for (const model of models) {
    const a = getOwn(into.rollups, model.id) ?? createRollup(model.id);
    const b = getOwn(from.rollups, model.id);
    setOwn<Rollup>(into.rollups, model.id, b === undefined ? a : mergeRollups(a, b));
  }
  const traits: Record<string, unknown> = {};
  mergeTraits(traits, from.traits);
  mergeTraits(traits, into.traits);
  into.traits = traits;
}

/**
 * The user's score under the model their traits select, at `now`.
 *
 * @example
 * scoreUser(user, config, Date.now()).band; // → 'medium'
 */
export function scoreUser(user: UserRecord, config: PulseConfig, now: number): ScoreResult {
  const model = selectModel(config.models, user.traits) as ScoringModel;
  return score(getOwn(user.rollups, model.id) ?? createRollup(model.id), model, now);
}

/**
 * A band transition found while re-scoring a user.
 *
 * @example
 * const change: BandChange = { userKey: 'u:42', from: 'medium', to: 'low', score: 31, modelId: 'saas' };
 */
export interface BandChange {
  userKey: string;
  from: string;
  to: string;
  score: number;
  modelId: string;
}

/**
 * Re-scores a user in place. Returns the day's history row when the score, band
 * or day changed (so at most a few writes per user per day), and the band change
 * when there is one (a user's first score is not a change).
 *
 * @example
 * const { history, change } = rescoreUser(user, config, Date.now());
 */
export function rescoreUser(
  user: UserRecord,
  config: PulseConfig,
  now: number,
): { history: { userKey: string; day: number; score: number; band: string } | null; change: BandChange | null } {
  const result = scoreUser(user, config, now);
  const day = utcDay(now);
  const changed = result.score !== user.score || result.band !== user.band || day !== user.scoreDay;
  const change =
    user.band !== null && user.band !== result.band
      ? { userKey: user.key, from: user.band, to: result.band, score: result.score, modelId: result.modelId }
      : null;
  user.score = result.score;
  user.band = result.band;
  user.scoreDay = day;
  return { history: changed ? { userKey: user.key, day, score: result.score, band: result.band } : null, change };
}
