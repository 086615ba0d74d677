import type { ScoreState, UserState } from '@pulse/core';
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
/**
 * One score of a user in `UserStateResponse.scores`: core's `ScoreState` plus its trend.
 *
 * @example
 * const churn: ScoreStateResponse = state.scores.churnRisk;
 * churn.band; churn.trend.score7dAgo;
 */
export const ScoreStateResponse = passThrough<ScoreState & { trend: ScoreTrend }>(
  "One score under the model that applies to the user now, with the score's label, direction and trend",
  {
    scoreId: Type.String(),
    label: Type.String(),
    direction: Type.String({ description: 'higher-is-better or higher-is-worse' }),
    modelId: Type.String(),
    score: Type.Number({ description: '0–100' }),
    band: Type.String(),
    points: Type.Number(),
    contributions: Type.Array(object("One signal's share: { signal, event, n, points, capped }")),
    inactivity: object('Days since the last event and the points inactivity rules took'),
    milestones: object('{ done, total, ratio, items: [{ id, title, done, doneAt }] }'),
    rollup: object("The user's rollup under the score's model (what the tracker's provisional state builds on)"),
    trend: ScoreTrend,
  },
);
export type ScoreStateResponse = Static<typeof ScoreStateResponse>;

export const UserStateResponse = passThrough<
  Omit<UserState, 'scores'> & {
    trend: ScoreTrend;
    scores: Record<string, ScoreStateResponse>;
    segments?: string[];
  }
>(
  'userState() of @pulse/core: every score under the model that applies to the user now (`scores`), the default score also at the top level, plus the trends from daily score history',
  {
    scoreId: Type.String({ description: 'The default score, whose fields these top-level ones are' }),
    scores: Type.Record(Type.String(), ScoreStateResponse, { description: 'Every score of the config by id' }),
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
    segments: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "The saved segments a nudge's trigger.segment names that the user is in (present only when a nudge names one)",
      }),
    ),
  },
);
export type UserStateResponse = Static<typeof UserStateResponse>;

/**
 * One score of an account: the mean of its members' current scores and their bands.
 *
 * @example
 * const s: GroupScore = { score: 54.3, bands: { low: 1, medium: 2 } };
 */
export const GroupScore = Type.Object({
  score: Type.Number({ description: "Mean of the members' scores" }),
  bands: Type.Record(Type.String(), Type.Integer(), { description: 'Members per band' }),
});
export type GroupScore = Static<typeof GroupScore>;

/**
 * An account's scores: the mean of its members' current scores (one decimal),
 * the default score at the top level and every score in `scores`.
 *
 * @example
 * const g: GroupState = { groupId: 'acme', memberCount: 3, score: 54.3, bands: { low: 1, medium: 2 }, scores: {}, asOf: '…' };
 */
export const GroupState = Type.Object(
  {
    groupId: Type.String(),
    memberCount: Type.Integer(),
    score: Type.Number({ description: "Mean of the members' default scores" }),
    bands: Type.Record(Type.String(), Type.Integer(), { description: 'Members per band of the default score' }),
    scores: Type.Record(Type.String(), GroupScore, { description: 'Every score of the config by id' }),
    asOf: Type.String({ format: 'date-time' }),
  },
  { description: "A group's scores" },
);
export type GroupState = Static<typeof GroupState>;
