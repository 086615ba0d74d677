import { DEV } from './dev-warn.js';
import { milestoneProgress, type MilestoneProgress } from './milestones.js';
import type { Nudge, PulseConfig } from './model.js';
import { nudgeDecisions, type NudgeDecision } from './nudges.js';
import { getOwn } from './own.js';
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
  /** One decision per configured nudge, eligible or not, with the user's variant. */
  nudges: NudgeDecision[];
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
}

/**
 * Score, band, contributions and milestones for one user under the model their
 * traits select, without nudge decisions (a bundle that imports only this does
 * not carry them). Pure; throws when `config.models` is empty.
 *
 * @example
 * const user = scoredUser({ config, rollups, traits, userKey: userId, now: Date.now() });
 */
export function scoredUser(input: UserStateInput): ScoredUser {
  const now = toMillis(input.now);
  const model = selectModel(input.config.models, input.traits);
  if (model === undefined) throw new Error(DEV ? 'the config has no models (config.models is empty)' : 'config.models');
  const rollup = getOwn(input.rollups, model.id) ?? createRollup(model.id);
  return {
    ...score(rollup, model, now),
    userKey: input.userKey,
    milestones: milestoneProgress(model, rollup),
    asOf: new Date(now).toISOString(),
    rollup,
  };
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
  user: ScoredUser,
  nudges: readonly Nudge[],
  now: number = Date.parse(user.asOf),
): NudgeDecision[] {
  const { userKey, band, milestones, rollup } = user;
  return nudgeDecisions(nudges, { userKey, band, milestones, rollup, now });
}

/**
 * Score, band, contributions, milestones and nudge decisions for one user under
 * the model their traits select. Pure: the collector calls it for every state.
 *
 * @example
 * const state = userState({ config, rollups, traits, userKey: userId, now: Date.now() });
 */
export function userState(input: UserStateInput): UserState {
  const user = scoredUser(input);
  return { ...user, nudges: userNudges(user, input.config.nudges ?? [], toMillis(input.now)) };
}
