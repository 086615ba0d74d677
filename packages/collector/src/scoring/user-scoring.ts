import {
  addEvent,
  createRollup,
  getOwn,
  isRecord,
  mergeRollups,
  score,
  selectLifecycleModel,
  setOwn,
  utcDay,
  type PulseConfig,
  type PulseEvent,
  type Rollup,
  type ScoreResult,
  type ScoringModel,
} from '@pulse/core';
import type { LifecycleRow, UserRecord } from '../store/store.js';
import { bandDirection } from './band-direction.js';

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
 * The model that applies to a user at `now`: `appliesTo` on their traits and
 * `lifecycle` rules on their first and last event (which every model's rollup
 * records alike).
 *
 * @example
 * modelFor(user, config, Date.now()).id; // → 'dormant'
 */
export function modelFor(user: Pick<UserRecord, 'traits' | 'rollups'>, config: PulseConfig, now: number): ScoringModel {
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  for (const r of Object.values(user.rollups)) {
    if (r.firstSeen !== null) firstSeen = firstSeen === null ? r.firstSeen : Math.min(firstSeen, r.firstSeen);
    if (r.lastSeen !== null) lastSeen = lastSeen === null ? r.lastSeen : Math.max(lastSeen, r.lastSeen);
  }
  return selectLifecycleModel(config.models, { traits: user.traits, firstSeen, lastSeen, now }) as ScoringModel;
}

/**
 * The config with only the user's model in it: what `userState` gets, so the
 * state endpoint applies the model lifecycle rules chose (the tracker pins the
 * model it is told the same way).
 *
 * @example
 * userState({ config: pinnedConfig(user, config, now), rollups: user.rollups, traits: user.traits, userKey, now });
 */
export function pinnedConfig(
  user: Pick<UserRecord, 'traits' | 'rollups'>,
  config: PulseConfig,
  now: number,
): PulseConfig {
  return { ...config, models: [modelFor(user, config, now)] };
}

/**
 * The user's score under the model that applies to them, at `now`.
 *
 * @example
 * scoreUser(user, config, Date.now()).band; // → 'medium'
 */
export function scoreUser(user: UserRecord, config: PulseConfig, now: number): ScoreResult {
  const model = modelFor(user, config, now);
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
 * What re-scoring one user found: the day's history row, the band change and
 * the model move, each null when there is none.
 *
 * @example
 * const { history, change, move }: Rescored = rescoreUser(user, config, Date.now());
 */
export interface Rescored {
  history: { userKey: string; day: number; score: number; band: string } | null;
  change: BandChange | null;
  move: LifecycleRow | null;
}

/**
 * Re-scores a user in place. Returns the day's history row when the score, band
 * or day changed (so at most a few writes per user per day), the band change
 * when there is one (a user's first score is not a change), and the lifecycle
 * move when the applied model changed (a user's first model is not a move).
 *
 * @example
 * const { history, change, move } = rescoreUser(user, config, Date.now());
 */
export function rescoreUser(user: UserRecord, config: PulseConfig, now: number): Rescored {
  const result = scoreUser(user, config, now);
  const fromModel = user.modelId;
  const move =
    user.modelId !== null && user.modelId !== result.modelId
      ? { userKey: user.key, at: now, from: user.modelId, to: result.modelId }
      : null;
  user.modelId = result.modelId;
  const day = utcDay(now);
  const changed = result.score !== user.score || result.band !== user.band || day !== user.scoreDay;
  const change =
    user.band !== null && user.band !== result.band
      ? { userKey: user.key, from: user.band, to: result.band, score: result.score, modelId: result.modelId }
      : null;
  if (change !== null) {
    user.bandChangedAt = now;
    user.bandDirection = bandDirection(config, { ...change, fromModel, toModel: result.modelId });
  }
  user.score = result.score;
  user.band = result.band;
  user.scoreDay = day;
  return {
    history: changed ? { userKey: user.key, day, score: result.score, band: result.band } : null,
    change,
    move,
  };
}
