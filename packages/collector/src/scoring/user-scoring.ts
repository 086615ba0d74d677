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
  scoreDefinition,
  type NormalizedConfig,
  type PulseEvent,
  type Rollup,
  type ScoreResult,
  type ScoringModel,
} from '@pulse/core';
import type { LifecycleRow, ScoreRow, UserRecord, UserScore } from '../store/store.js';
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
 * The model that applies to a user at `now` in one score (default: the default
 * score): `appliesTo` on their traits and `lifecycle` rules on their first and
 * last event (which every model's rollup records alike).
 *
 * @example
 * modelFor(user, config, Date.now(), 'churnRisk').id; // → 'churn-dormant'
 */
export function modelFor(
  user: Pick<UserRecord, 'traits' | 'rollups'>,
  config: NormalizedConfig,
  now: number,
  scoreId?: string,
): ScoringModel {
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  for (const r of Object.values(user.rollups)) {
    if (r.firstSeen !== null) firstSeen = firstSeen === null ? r.firstSeen : Math.min(firstSeen, r.firstSeen);
    if (r.lastSeen !== null) lastSeen = lastSeen === null ? r.lastSeen : Math.max(lastSeen, r.lastSeen);
  }
  const models = scoreDefinition(config, scoreId)?.models ?? [];
  return selectLifecycleModel(models, { traits: user.traits, firstSeen, lastSeen, now }) as ScoringModel;
}

/**
 * The config with only the user's model in each score: what `userState` gets,
 * so the state endpoint applies the models lifecycle rules chose (the tracker
 * pins the models it is told the same way).
 *
 * @example
 * userState({ config: pinnedConfig(user, config, now), rollups: user.rollups, traits: user.traits, userKey, now });
 */
export function pinnedConfig(
  user: Pick<UserRecord, 'traits' | 'rollups'>,
  config: NormalizedConfig,
  now: number,
): NormalizedConfig {
  const scores = config.scores.map((s) => ({ ...s, models: [modelFor(user, config, now, s.id)] }));
  return { ...config, scores, models: scores.flatMap((s) => s.models) };
}

/**
 * The user's score in one score (default: the default score) under the model
 * that applies to them, at `now`.
 *
 * @example
 * scoreUser(user, config, Date.now()).band; // → 'medium'
 */
export function scoreUser(user: UserRecord, config: NormalizedConfig, now: number, scoreId?: string): ScoreResult {
  const model = modelFor(user, config, now, scoreId);
  return score(getOwn(user.rollups, model.id) ?? createRollup(model.id), model, now);
}

/**
 * A band transition found while re-scoring a user, in one score.
 *
 * @example
 * const change: BandChange = { userKey: 'u:42', scoreId: 'engagement', from: 'medium', to: 'low', score: 31, modelId: 'saas' };
 */
export interface BandChange {
  userKey: string;
  scoreId: string;
  from: string;
  to: string;
  score: number;
  modelId: string;
}

/**
 * What re-scoring one user found, over every score: the day's history rows,
 * the band changes and the model moves (lifecycle moves in any score; model
 * ids are unique across scores, so a move names its score by its models).
 *
 * @example
 * const { history, changes, moves }: Rescored = rescoreUser(user, config, Date.now());
 */
export interface Rescored {
  history: ScoreRow[];
  changes: BandChange[];
  moves: LifecycleRow[];
}

/**
 * Re-scores a user in place, every score of the config, and mirrors the
 * default score into the user's top-level fields. Per score, a history row when
 * the score, band or day changed (so at most a few writes per user per day),
 * the band change when there is one (a first score is not a change), and the
 * lifecycle move when the applied model changed (a first model is not a move).
 *
 * @example
 * const { history, changes, moves } = rescoreUser(user, config, Date.now());
 */
export function rescoreUser(user: UserRecord, config: NormalizedConfig, now: number): Rescored {
  const day = utcDay(now);
  const out: Rescored = { history: [], changes: [], moves: [] };
  const scores: Record<string, UserScore> = {};
  for (const def of config.scores) {
    const result = scoreUser(user, config, now, def.id);
    const before = getOwn(user.scores, def.id) ?? { modelId: null, score: null, band: null, scoreDay: null };
    if (before.modelId !== null && before.modelId !== result.modelId) {
      out.moves.push({ userKey: user.key, at: now, from: before.modelId, to: result.modelId });
    }
    if (result.score !== before.score || result.band !== before.band || day !== before.scoreDay) {
      const { score: value, band, modelId } = result;
      out.history.push({ userKey: user.key, scoreId: def.id, day, modelId, score: value, band });
    }
    if (before.band !== null && before.band !== result.band) {
      const { score: value, modelId } = result;
      if (def.id === config.defaultScore) {
        // The users list filters on the default score's latest band change.
        user.bandChangedAt = now;
        const change = { from: before.band, fromModel: before.modelId, to: result.band, toModel: modelId };
        user.bandDirection = bandDirection(config, change);
      }
      out.changes.push({
        userKey: user.key,
        scoreId: def.id,
        from: before.band,
        to: result.band,
        score: value,
        modelId,
      });
    }
    setOwn(scores, def.id, { modelId: result.modelId, score: result.score, band: result.band, scoreDay: day });
  }
  user.scores = scores;
  const main = getOwn(scores, config.defaultScore);
  user.modelId = main?.modelId ?? null;
  user.score = main?.score ?? null;
  user.band = main?.band ?? null;
  user.scoreDay = main?.scoreDay ?? null;
  return out;
}
