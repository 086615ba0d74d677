import { DEV } from './dev-warn.js';
import { milestoneProgress, type MilestoneProgress } from './milestones.js';
import type { Nudge, PulseConfig, ScoreDefinition, ScoreDirection } from './model.js';
import { normalizeConfig, scoreDefinition } from './normalize-config.js';
import { nudgeDecisions, type NudgeDecision } from './nudges.js';
import { getOwn, setOwn } from './own.js';
import { createRollup, type Rollup } from './rollup.js';
import { score, type ScoreResult } from './score.js';
import { selectModel } from './select-model.js';
import { toMillis } from './time.js';

/**
 * A user's score, band, contributions and milestones under the model their
 * traits select: what the tracker's `state()` computes in the page (with
 * `scoredUser`, over the collector's rollup merged with events not yet
 * acknowledged), so provisional and authoritative scores agree exactly on the
 * same events. `rollup` is the user's own rollup under the applied model.
 *
 * @example
 * const s: ScoredUser = scoredUser({ config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: Date.now() });
 * s.score; s.band; s.milestones.ratio;
 */
export interface ScoredUser extends ScoreResult {
  /** The score this is (`engagement` for a single-score config). */
  scoreId: string;
  userKey: string;
  milestones: MilestoneProgress;
  /** ISO-8601 time the state was computed for. */
  asOf: string;
  rollup: Rollup;
}

/**
 * What a user sees of themself: the body of `GET /v1/users/{id}/state`, a
 * `ScoredUser` with a decision for every configured nudge.
 *
 * @example
 * const s: UserState = userState({ config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: Date.now() });
 * s.score; s.band; s.milestones.ratio; s.nudges.filter((n) => n.eligible);
 */
export interface UserState extends ScoredUser {
  /** Every score of the config by id, the default one (the top-level fields) included. */
  scores: Record<string, ScoreState>;
  /** One decision per configured nudge, eligible or not, with the user's variant. */
  nudges: NudgeDecision[];
}

/**
 * One score of a user in `UserState.scores`: the score's label and direction
 * with what `scoredUser` gives for it.
 *
 * @example
 * state.scores.churnRisk.band; // → 'high'
 */
export interface ScoreState extends Omit<ScoredUser, 'userKey' | 'asOf'> {
  label: string;
  direction: ScoreDirection;
}

/**
 * Inputs of `userState`: the config, the user's rollups by model id, traits and the hashing key.
 *
 * @example
 * const input: UserStateInput = { config, rollups: { saas: rollup }, traits: {}, userKey: 'u1', now: Date.now() };
 */
export interface UserStateInput {
  config: PulseConfig;
  rollups: Record<string, Rollup>;
  traits?: Record<string, unknown>;
  userKey: string;
  now: number | string | Date;
  /** The score to compute (default: the config's default score). */
  score?: string;
  /** The saved segments the user is in, as the collector evaluates them (for `trigger.segment`). */
  segments?: readonly string[];
}

/**
 * Score, band, contributions and milestones for one user under the model their
 * traits select, for one score (`input.score`, else the default score), without
 * nudge decisions (a bundle that imports only this does not carry them). Pure;
 * throws when the score has no models or does not exist.
 *
 * @example
 * const user = scoredUser({ config, rollups, traits, userKey: userId, now: Date.now() });
 */
export function scoredUser(input: UserStateInput): ScoredUser {
  const now = toMillis(input.now);
  const config = normalizeConfig(input.config);
  const def = scoreDefinition(config, input.score);
  const model = def && selectModel(def.models, input.traits);
  if (model === undefined)
    throw new Error(DEV ? `the score "${input.score ?? config.defaultScore}" has no models` : 'score');
  const rollup = getOwn(input.rollups, model.id) ?? createRollup(model.id);
  return {
    ...score(rollup, model, now),
    scoreId: (def as ScoreDefinition).id,
    userKey: input.userKey,
    milestones: milestoneProgress(model, rollup),
    asOf: new Date(now).toISOString(),
    rollup,
  };
}

/**
 * Every score of the config for one user (`scoredUser` per score), by score id.
 *
 * @example
 * const all = scoredScores({ config, rollups, traits, userKey: userId, now: Date.now() });
 * all.churnRisk.band; // → 'low'
 */
export function scoredScores(input: UserStateInput): Record<string, ScoredUser> {
  const config = normalizeConfig(input.config);
  const out: Record<string, ScoredUser> = {};
  for (const s of config.scores) setOwn(out, s.id, scoredUser({ ...input, config, score: s.id }));
  return out;
}

/**
 * The decision for each of `nudges` for a scored user, at `now` (by default the user's `asOf`):
 * what `userState` adds to `scoredUser`. The widget calls it on the tracker's
 * provisional state, so a nudge's frequency cap and dismissal hold at once.
 *
 * @example
 * const decisions = userNudges(tracker.state().user, config.nudges ?? []);
 */
export function userNudges(
  user: ScoredUser & {
    scores?: Record<string, Pick<ScoredUser, 'band' | 'milestones'>>;
    segments?: readonly string[];
  },
  nudges: readonly Nudge[],
  now: number = Date.parse(user.asOf),
): NudgeDecision[] {
  const { userKey, band, milestones, rollup, scores, segments } = user;
  return nudgeDecisions(nudges, { userKey, band, milestones, rollup, now, scores, segments });
}

/**
 * Every score, the default one's fields at the top level, and nudge decisions
 * for one user under the models their traits select. Pure: the collector calls
 * it for every state.
 *
 * @example
 * const state = userState({ config, rollups, traits, userKey: userId, now: Date.now() });
 * state.score; state.scores.churnRisk.band;
 */
export function userState(input: UserStateInput): UserState {
  const config = normalizeConfig(input.config);
  const all = scoredScores({ ...input, config });
  const scores: Record<string, ScoreState> = {};
  for (const s of config.scores) {
    const { userKey: _k, asOf: _a, ...rest } = all[s.id] as ScoredUser;
    setOwn(scores, s.id, { ...rest, label: s.label, direction: s.direction });
  }
  const user = all[input.score ?? config.defaultScore] as ScoredUser;
  const nudges = userNudges({ ...user, scores, segments: input.segments }, config.nudges, toMillis(input.now));
  return { ...user, scores, nudges };
}
