import { userState, utcDay } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { GroupScore, GroupState, ScoreTrend, UserStateResponse } from '../contract/state.js';
import { userKey } from '../store/user-keys.js';
import { pinnedConfig, scoreUser } from './user-scoring.js';

/**
 * A user's authoritative state now, the body of `GET /v1/users/{userId}/state`:
 * exactly `userState()` of @pulse/core over the stored rollups and traits and
 * the saved segments the user is in, plus the score trend. A user with no events gets the empty state.
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
  const segments = await nudgeSegments(ctx, key);
  const state = userState({
    config: pinnedConfig({ rollups, traits }, config, now),
    rollups,
    traits,
    userKey: userId,
    now,
    ...(segments ? { segments } : {}),
  });
  const scores: UserStateResponse['scores'] = {};
  config.scores.forEach((s, i) => {
    const one = state.scores[s.id];
    if (one !== undefined) scores[s.id] = { ...one, trend: trends[i] as ScoreTrend };
  });
  const trend = scores[config.defaultScore]?.trend ?? { score7dAgo: null, score30dAgo: null };
  return { ...state, scores, trend, ...(segments ? { segments } : {}) };
}

/**
 * The segments named by a nudge's `trigger.segment` that the user is in, as
 * stored when they were last scored (docs/api.md); undefined when no nudge
 * names one, so other states neither pay the read nor carry the field. Other
 * segments are left out: their names are the growth team's, not the user's.
 */
async function nudgeSegments(ctx: CollectorContext, key: string): Promise<string[] | undefined> {
  const named = new Set(ctx.configs.current().config.nudges.flatMap((n) => n.trigger.segment ?? []));
  if (named.size === 0) return undefined;
  return (await ctx.store.userSegments(ctx.project, key)).filter((id) => named.has(id));
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
