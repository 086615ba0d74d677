import { DEV } from './dev-warn.js';
import { milestoneProgress, type MilestoneProgress } from './milestones.js';
import type { PulseConfig } from './model.js';
import { nudgeDecisions, type NudgeDecision } from './nudges.js';
import { getOwn } from './own.js';
import { createRollup, type Rollup } from './rollup.js';
import { score, type ScoreResult } from './score.js';
import { selectModel } from './select-model.js';
import { toMillis } from './time.js';

/**
 * What a user sees of themself: the body of `GET /v1/users/{id}/state`, and what
 * the tracker's `state()` returns (computed by the same function, so provisional
 * and authoritative agree exactly on the same events). `rollup` is the user's
 * own rollup under the applied model, so a client can merge not-yet-acknowledged
 * events into it.
 *
 * @example
 * const s: UserState = userState({ config, rollups, traits: { plan: 'trial' }, userKey: 'u1', now: Date.now() });
 * s.score; s.band; s.milestones.ratio; s.nudges.filter((n) => n.eligible);
 */
export interface UserState extends ScoreResult {
  userKey: string;
  milestones: MilestoneProgress;
  /** One decision per configured nudge, eligible or not, with the user's variant. */
  nudges: NudgeDecision[];
  /** ISO-8601 time the state was computed for. */
  asOf: string;
  rollup: Rollup;
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
 * Score, band, contributions, milestones and nudge decisions for one user under
 * the model their traits select. Pure: the collector and the tracker both call it.
 *
 * @example
 * const state = userState({ config, rollups, traits, userKey: userId, now: Date.now() });
 */
export function userState(input: UserStateInput): UserState {
  const now = toMillis(input.now);
  const model = selectModel(input.config.models, input.traits);
  if (model === undefined) throw new Error(DEV ? 'userState: config.models is empty' : 'config.models');
  const rollup = getOwn(input.rollups, model.id) ?? createRollup(model.id);
  const result = score(rollup, model, now);
  const milestones = milestoneProgress(model, rollup);
  const nudges = nudgeDecisions(input.config.nudges ?? [], {
    userKey: input.userKey,
    band: result.band,
    milestones,
    rollup,
    now,
  });
  return { ...result, userKey: input.userKey, milestones, nudges, asOf: new Date(now).toISOString(), rollup };
}
