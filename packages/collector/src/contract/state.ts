import type { UserState } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { nullable, passThrough } from './common.js';

// `GET /v1/users/{userId}/state` and `GET /v1/groups/{groupId}/state`.

const object = (description: string) => passThrough<unknown>(description);

/**
 * The score trend from the daily score history.
 *
 * @example
 * const t: ScoreTrend = { score7dAgo: 41, score30dAgo: null };
 */
export const ScoreTrend = Type.Object({
  score7dAgo: nullable(Type.Number({ description: 'The score 7 days ago; null when none was recorded' })),
  score30dAgo: nullable(Type.Number({ description: 'The score 30 days ago; null when none was recorded' })),
});
export type ScoreTrend = Static<typeof ScoreTrend>;

/**
 * The body of `GET /v1/users/{userId}/state`: exactly `userState()` of
 * @pulse/core (its type is core's), plus the trend. Fields core adds pass
 * through unchanged.
 *
 * @example
 * const s: UserStateResponse = await res.json();
 * s.trend.score7dAgo; // → 48 or null
 */
export const UserStateResponse = passThrough<UserState & { trend: ScoreTrend }>(
  'userState() of @pulse/core under the model that applies to the user now, plus the trend from daily score history',
  {
    modelId: Type.String(),
    score: Type.Number({ description: '0–100' }),
    band: Type.String(),
    points: Type.Number(),
    contributions: Type.Array(object("One signal's share: { signal, event, n, points, capped }")),
    inactivity: object('Days since the last event and the points inactivity rules took'),
    userKey: Type.String(),
    milestones: object('{ done, total, ratio, items: [{ id, title, done, doneAt }] }'),
    nudges: Type.Array(
      object("One decision per nudge: { nudgeId, eligible, reason, variant } with the user's variant"),
    ),
    asOf: Type.String({ format: 'date-time' }),
    rollup: object("The user's rollup under the model (what the tracker's provisional state builds on)"),
    trend: ScoreTrend,
  },
);
export type UserStateResponse = Static<typeof UserStateResponse>;

/**
 * An account's score: the mean of its members' current scores (one decimal).
 *
 * @example
 * const g: GroupState = { groupId: 'acme', memberCount: 3, score: 54.3, bands: { low: 1, medium: 2 }, asOf: '…' };
 */
export const GroupState = Type.Object(
  {
    groupId: Type.String(),
    memberCount: Type.Integer(),
    score: Type.Number({ description: "Mean of the members' scores" }),
    bands: Type.Record(Type.String(), Type.Integer(), { description: 'Members per band' }),
    asOf: Type.String({ format: 'date-time' }),
  },
  { description: "A group's score" },
);
export type GroupState = Static<typeof GroupState>;
