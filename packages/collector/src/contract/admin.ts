import type { Contribution as CoreContribution } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { scoreParam } from './scores.js';
import { nullable, passThrough } from './common.js';
import { UserStateResponse } from './state.js';

// The dashboard's read API: `GET /v1/admin/overview`, `/trend`, `/churn-risk`,
// `/funnel`, `/users/{userId}`, and `DELETE /v1/admin/users/{userId}`.

/**
 * One signal's share of a score (core's `Contribution`).
 *
 * @example
 * const c: Contribution = { signal: 'invites', event: 'Teammate Invited', n: 7, points: 25, capped: true };
 */
export const Contribution = passThrough<CoreContribution>("One signal's share of the score", {
  signal: Type.String(),
  event: Type.String(),
  n: Type.Number({ description: 'Occurrences, active days/weeks or value sum in the window' }),
  points: Type.Number(),
  capped: Type.Boolean(),
});
export type Contribution = Static<typeof Contribution>;

/**
 * `?days=`: how far back a view looks, 1 to 365 days; and `?score=`, the score it shows.
 *
 * @example
 * const q = daysQuery(30); // the trend's default
 */
export function daysQuery(fallback: number) {
  return Type.Object({
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 365, default: fallback, description: 'Days to look back' }),
    ),
    score: scoreParam,
  });
}

/**
 * `GET /v1/admin/overview`: how many users, their average score, a 10-point
 * histogram and the size of each band (bands of every model, by id).
 *
 * @example
 * const o: Overview = await api.get<Overview>('/v1/admin/overview');
 */
export const Overview = Type.Object(
  {
    users: Type.Integer(),
    averageScore: nullable(Type.Number()),
    histogram: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Integer(), count: Type.Integer() })),
    bands: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.Optional(Type.String()),
        min: Type.Number(),
        count: Type.Integer(),
      }),
    ),
    asOf: Type.String({ format: 'date-time' }),
  },
  { description: 'Users, average score, score histogram and band counts' },
);
export type Overview = Static<typeof Overview>;

/**
 * One day of the trend: the average score and band sizes of users scored on or
 * before that day, each user counted with their latest score so far.
 *
 * @example
 * const d: TrendDay = { date: '2026-11-20', averageScore: 41.5, users: 1200, bands: { low: 500, medium: 400, high: 300 } };
 */
export const TrendDay = Type.Object({
  date: Type.String({ format: 'date' }),
  averageScore: nullable(Type.Number()),
  users: Type.Integer(),
  bands: Type.Record(Type.String(), Type.Integer()),
});
export type TrendDay = Static<typeof TrendDay>;

/**
 * `GET /v1/admin/trend`.
 *
 * @example
 * const t: Trend = { days: [] };
 */
export const Trend = Type.Object(
  { days: Type.Array(TrendDay) },
  { description: 'Average score and band sizes per day, oldest first' },
);
export type Trend = Static<typeof Trend>;

/**
 * One user whose band dropped: from the band on the reference day to now.
 *
 * @example
 * const r: ChurnRiskUser = { userId: '42', from: 'high', to: 'medium', previousScore: 74, score: 52, contributions: [] };
 */
export const ChurnRiskUser = Type.Object({
  userId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  previousScore: Type.Number(),
  score: Type.Number(),
  contributions: Type.Array(Contribution),
});
export type ChurnRiskUser = Static<typeof ChurnRiskUser>;

/**
 * `GET /v1/admin/churn-risk`: users whose band dropped, worst drop first.
 *
 * @example
 * const r: ChurnRisk = { users: [] };
 */
export const ChurnRisk = Type.Object(
  { users: Type.Array(ChurnRiskUser) },
  { description: 'Users whose band is lower than it was `days` ago, worst drop first' },
);
export type ChurnRisk = Static<typeof ChurnRisk>;

/**
 * `GET /v1/admin/funnel`: users who completed each milestone, in config order.
 *
 * @example
 * const f: Funnel = { total: 1200, milestones: [{ id: 'first-project', title: 'Create a project', completed: 812 }], overTime: [] };
 */
export const Funnel = Type.Object(
  {
    total: Type.Integer(),
    milestones: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), completed: Type.Integer() })),
    overTime: Type.Optional(
      Type.Array(
        Type.Object({
          date: Type.String({ format: 'date', description: 'The last day of the week' }),
          users: Type.Integer({ description: 'Users first seen by the end of that day' }),
          milestones: Type.Array(Type.Object({ id: Type.String(), completed: Type.Integer() })),
        }),
        { description: 'The funnel at the end of each of the last 12 weeks (the last ending today), oldest first' },
      ),
    ),
  },
  { description: 'Users who completed each milestone, now and week by week' },
);
export type Funnel = Static<typeof Funnel>;

/**
 * `GET /v1/admin/users/{userId}`: traits, state, model moves (oldest first),
 * the latest 100 events (newest first) and the accounts the user belongs to.
 *
 * @example
 * const u: UserDetail = await api.get<UserDetail>('/v1/admin/users/user-42');
 */
export const UserDetail = Type.Object(
  {
    userId: Type.String(),
    traits: Type.Record(Type.String(), Type.Unknown()),
    state: UserStateResponse,
    lifecycle: Type.Array(
      Type.Object({ from: Type.String(), to: Type.String(), at: Type.String({ format: 'date-time' }) }),
      { description: 'Model moves, oldest first' },
    ),
    events: Type.Array(
      Type.Object({
        type: Type.String(),
        event: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        timestamp: Type.String({ format: 'date-time' }),
        properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
      { description: 'The latest 100 events, newest first' },
    ),
    accounts: Type.Array(
      Type.Object({
        accountId: Type.String(),
        role: nullable(Type.String({ description: 'The member trait accounts.roleTrait names (default role)' })),
      }),
      { description: 'The accounts (groups) the user belongs to' },
    ),
  },
  { description: "A user's traits, state, lifecycle moves, latest 100 events and accounts" },
);
export type UserDetail = Static<typeof UserDetail>;

const count = Type.Integer({ minimum: 0 });

/**
 * `DELETE /v1/admin/users/{userId}`: the rows deleted, by kind.
 *
 * @example
 * const e: Erasure = { userId: 'user-42', erased: { events: 25, identities: 2, scoreHistory: 30, lifecycle: 1, memberships: 1, links: 1, webhooks: 0 } };
 */
export const Erasure = Type.Object(
  {
    userId: Type.String(),
    erased: Type.Object(
      {
        events: count,
        identities: Type.Integer({ minimum: 0, description: "The user's own row and those of linked anonymous ids" }),
        scoreHistory: count,
        lifecycle: count,
        memberships: count,
        links: count,
        webhooks: count,
      },
      { description: 'Rows deleted, by kind' },
    ),
  },
  { description: 'Erased (all counts 0 when nothing was stored)' },
);
export type Erasure = Static<typeof Erasure>;

/**
 * `:userId` in a path.
 *
 * @example
 * const schema = { params: UserIdParams };
 */
export const UserIdParams = Type.Object({ userId: Type.String() });
