import { userState, utcDay } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { GroupState, UserStateResponse } from '../contract/state.js';
import { userKey } from '../store/user-keys.js';
import { pinnedConfig, scoreUser } from './user-scoring.js';

/**
 * A user's authoritative state now, the body of `GET /v1/users/{userId}/state`:
 * exactly `userState()` of @pulse/core over the stored rollups and traits, plus
 * the score trend. A user with no events gets the empty state.
 *
 * @example
 * const state = await readUserState(ctx, 'user-42');
 */
export async function readUserState(ctx: CollectorContext, userId: string): Promise<UserStateResponse> {
  const key = userKey(userId);
  const now = ctx.now();
  const today = utcDay(now);
  const [user, [score7dAgo = null, score30dAgo = null]] = await Promise.all([
    ctx.store.getUser(ctx.project, key),
    ctx.store.scoresOnOrBefore(ctx.project, key, ctx.configs.current().config.defaultScore, [today - 7, today - 30]),
  ]);
  const rollups = user?.rollups ?? {};
  const traits = user?.traits ?? {};
  const state = userState({
    config: pinnedConfig({ rollups, traits }, ctx.configs.current().config, now),
    rollups,
    traits,
    userKey: userId,
    now,
  });
  return { ...state, trend: { score7dAgo, score30dAgo } };
}

/**
 * The state of a group (`group` calls make members): the mean of its members'
 * current scores; null when it has none.
 *
 * @example
 * const g = await readGroupState(ctx, 'acme');
 */
export async function readGroupState(ctx: CollectorContext, groupId: string): Promise<GroupState | null> {
  const members = await ctx.store.groupMembers(ctx.project, groupId);
  if (members.length === 0) return null;
  const now = ctx.now();
  const config = ctx.configs.current().config;
  const bands: Record<string, number> = Object.create(null) as Record<string, number>;
  let sum = 0;
  for (const member of members) {
    const r = scoreUser(member, config, now);
    sum += r.score;
    bands[r.band] = (bands[r.band] ?? 0) + 1;
  }
  return {
    groupId,
    memberCount: members.length,
    score: Math.round((sum / members.length) * 10) / 10,
    bands: { ...bands },
    asOf: new Date(now).toISOString(),
  };
}
