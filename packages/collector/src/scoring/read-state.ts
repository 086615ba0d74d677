import { userState, utcDay, type UserState } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { userKey } from '../store/user-keys.js';
import { pinnedConfig, scoreUser } from './user-scoring.js';

/**
 * The body of `GET /v1/users/{userId}/state`: exactly `userState()` of
 * @pulse/core over the stored rollups and traits, plus the score trend.
 *
 * @example
 * const s: UserStateWithTrend = await readUserState(ctx, 'user-42');
 * s.trend.score7dAgo; // → 48 or null
 */
export interface UserStateWithTrend extends UserState {
  trend: { score7dAgo: number | null; score30dAgo: number | null };
}

/**
 * A user's authoritative state now; a user with no events gets the empty state.
 *
 * @example
 * const state = await readUserState(ctx, 'user-42');
 */
export async function readUserState(ctx: CollectorContext, userId: string): Promise<UserStateWithTrend> {
  const key = userKey(userId);
  const now = ctx.now();
  const today = utcDay(now);
  const [user, [score7dAgo = null, score30dAgo = null]] = await Promise.all([
    ctx.store.getUser(ctx.project, key),
    ctx.store.scoresOnOrBefore(ctx.project, key, [today - 7, today - 30]),
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
 * An account's score: the mean of its members' current scores.
 *
 * @example
 * const g: GroupState = { groupId: 'acme', memberCount: 3, score: 54.3, bands: { low: 1, medium: 2 }, asOf: '…' };
 */
export interface GroupState {
  groupId: string;
  memberCount: number;
  score: number;
  bands: Record<string, number>;
  asOf: string;
}

/**
 * The state of a group (`group` calls make members), or null when it has none.
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
