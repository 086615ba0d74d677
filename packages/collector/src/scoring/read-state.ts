import { userState, utcDay, type NudgeDecision } from '@pulse/core';
import { segmentFilters } from '../users/resolve-filter.js';
import type { CollectorContext } from '../collector-context.js';
import type { GroupScore, GroupState, ScoreTrend, UserStateResponse } from '../contract/state.js';
import { userKey } from '../store/user-keys.js';
import { pinnedConfig, scoreUser } from './user-scoring.js';

/**
 * A user's authoritative state now, the body of `GET /v1/users/{userId}/state`:
 * exactly `userState()` of @pulse/core over the stored rollups and traits (a
 * nudge's saved segment applied on top), plus the score trend. A user with no events gets the empty state.
 *
 * @example
 * const state = await readUserState(ctx, 'user-42');
 */
export async function readUserState(ctx: CollectorContext, userId: string): Promise<UserStateResponse> {
  const key = userKey(userId);
  const now = ctx.now();
  const today = utcDay(now);
  const config = ctx.configs.current().config;
  const [user, ...trends] = await Promise.all([
    ctx.store.getUser(ctx.project, key),
    ...config.scores.map(async (s): Promise<ScoreTrend> => {
      const [score7dAgo = null, score30dAgo = null] = await ctx.store.scoresOnOrBefore(ctx.project, key, s.id, [
        today - 7,
        today - 30,
      ]);
      return { score7dAgo, score30dAgo };
    }),
  ]);
  const rollups = user?.rollups ?? {};
  const traits = user?.traits ?? {};
  const state = userState({
    config: pinnedConfig({ rollups, traits }, config, now),
    rollups,
    traits,
    userKey: userId,
    now,
  });
  const scores: UserStateResponse['scores'] = {};
  config.scores.forEach((s, i) => {
    const one = state.scores[s.id];
    if (one !== undefined) scores[s.id] = { ...one, trend: trends[i] as ScoreTrend };
  });
  const trend = scores[config.defaultScore]?.trend ?? { score7dAgo: null, score30dAgo: null };
  const nudges = await inSegments(ctx, key, state.nudges, now);
  return { ...state, nudges, scores, trend };
}

/**
 * The decisions with each nudge's saved segment applied (core cannot: membership is the
 * users list's SQL filter): a user the decision took in but who is outside the
 * segment is held back with reason `segment`.
 */
async function inSegments(
  ctx: CollectorContext,
  key: string,
  decisions: NudgeDecision[],
  now: number,
): Promise<NudgeDecision[]> {
  const config = ctx.configs.current().config;
  const out: NudgeDecision[] = [];
  for (const d of decisions) {
    const segment = config.nudges.find((n) => n.id === d.nudgeId)?.trigger.segment;
    if (segment === undefined || d.variant === null) {
      out.push(d);
      continue;
    }
    const filters = [...segmentFilters(config, segment, now), { keys: [key] }];
    const member = (await ctx.store.countMatching(ctx.project, filters)) > 0;
    out.push(member ? d : { nudgeId: d.nudgeId, eligible: false, reason: 'segment', variant: null });
  }
  return out;
}

/**
 * The state of a group (`group` calls make members): per score, the mean of
 * its members' current scores and their bands; null when it has no members.
 *
 * @example
 * const g = await readGroupState(ctx, 'acme');
 */
export async function readGroupState(ctx: CollectorContext, groupId: string): Promise<GroupState | null> {
  const members = await ctx.store.groupMembers(ctx.project, groupId);
  if (members.length === 0) return null;
  const now = ctx.now();
  const config = ctx.configs.current().config;
  const scores: Record<string, GroupScore> = {};
  for (const s of config.scores) {
    const bands: Record<string, number> = Object.create(null) as Record<string, number>;
    let sum = 0;
    for (const member of members) {
      const r = scoreUser(member, config, now, s.id);
      sum += r.score;
      bands[r.band] = (bands[r.band] ?? 0) + 1;
    }
    scores[s.id] = { score: Math.round((sum / members.length) * 10) / 10, bands: { ...bands } };
  }
  const main = scores[config.defaultScore] as GroupScore;
  return {
    groupId,
    memberCount: members.length,
    score: main.score,
    bands: main.bands,
    scores,
    asOf: new Date(now).toISOString(),
  };
}
