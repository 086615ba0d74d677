import { Type, type Static } from 'typebox';
import { nullable } from './common.js';

// `GET /v1/admin/users` (and `/v1/admin/users.csv`), `GET /v1/users/{userId}/history`.

const text = (description: string) => Type.Optional(Type.String({ description }));

const TRAIT_PARAMS = {
  '^trait\\.': Type.String({ description: 'trait.<name>=<value>: the trait equals the value' }),
};

/**
 * The filter language of the users list and of saved segments, as query
 * parameters (all optional, combined with AND). Dates are `YYYY-MM-DD` (UTC),
 * ISO timestamps, or `-Nd` (N days before now, which keeps a saved segment
 * current). `trait.<name>=<value>` filters on any trait; any other parameter is
 * refused with a 400 naming it. Parsed by core's `parseUserFilter`.
 *
 * @example
 * const f: UserFilterParams = { band: 'low,medium', 'trait.plan': 'trial', bandChangedSince: '-7d', bandDirection: 'down' };
 */
export const UserFilterParams = Type.Object(
  {
    band: text('Band ids, comma-separated (any of them)'),
    minScore: text('Score ≥ this (0–100)'),
    maxScore: text('Score ≤ this (0–100)'),
    model: text('Model ids, comma-separated: the model the user is scored under'),
    milestone: text('Milestone id the user has completed'),
    milestoneMissing: text('Milestone id the user has not completed'),
    seenAfter: text('Last event on or after this date'),
    seenBefore: text('Last event before this date'),
    group: text('Member of this group (account) id'),
    bandChangedSince: text("The user's latest band change happened on or after this date"),
    bandDirection: Type.Optional(
      Type.Union([Type.Literal('down'), Type.Literal('up')], {
        description: 'With bandChangedSince: the latest change went to a lower (down) or higher (up) band',
      }),
    ),
    segment: text("A saved segment's id: its filter applies too"),
  },
  {
    additionalProperties: true,
    patternProperties: TRAIT_PARAMS,
    description: 'Filters, all optional and combined with AND; unknown parameters get a 400',
  },
);
export type UserFilterParams = Static<typeof UserFilterParams>;

/** The sort keys of the users list. */
export const USER_SORTS = ['score', 'lastSeen', 'scoreChange7d'] as const;

/**
 * `GET /v1/admin/users`'s query: the filters plus sort, order, page size and cursor.
 *
 * @example
 * const q: UsersQuery = { band: 'low', sort: 'scoreChange7d', order: 'asc', limit: '100' };
 */
export const UsersQuery = Type.Object(
  {
    ...UserFilterParams.properties,
    sort: Type.Optional(
      Type.Union(
        USER_SORTS.map((s) => Type.Literal(s)),
        { description: 'Sort key (default score)' },
      ),
    ),
    order: Type.Optional(
      Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort order (default desc)' }),
    ),
    limit: text('Users per page, 1–500 (default 50)'),
    cursor: text("The previous page's nextCursor"),
  },
  {
    additionalProperties: true,
    patternProperties: TRAIT_PARAMS,
    description: 'Filters, sort and page; unknown parameters get a 400',
  },
);
export type UsersQuery = Static<typeof UsersQuery>;

/**
 * One row of the users list.
 *
 * @example
 * const u: UserListItem = { userId: '42', score: 31, band: 'low', model: 'trial', lastSeen: '2026-11-30T10:00:00.000Z', scoreChange7d: -18, traits: { plan: 'trial' } };
 */
export const UserListItem = Type.Object({
  userId: Type.String(),
  score: Type.Integer({ description: '0–100, under the model the user is scored by' }),
  band: Type.String(),
  model: Type.String({ description: 'The model id the user is scored under' }),
  lastSeen: nullable(Type.String({ format: 'date-time', description: "Time of the user's last event" })),
  scoreChange7d: nullable(
    Type.Integer({ description: 'Score now minus the score 7 days ago; null when there was none then' }),
  ),
  traits: Type.Record(Type.String(), Type.Unknown()),
});
export type UserListItem = Static<typeof UserListItem>;

/**
 * `GET /v1/admin/users`: a page of identified, scored users, the cursor of the
 * next page (null on the last) and how many users match the filters.
 *
 * @example
 * const page: UsersPage = { users: [], nextCursor: null, total: 0 };
 */
export const UsersPage = Type.Object(
  {
    users: Type.Array(UserListItem),
    nextCursor: nullable(Type.String({ description: 'Pass as ?cursor= for the next page; null on the last page' })),
    total: Type.Integer({ minimum: 0, description: 'Users matching the filters (all pages)' }),
  },
  { description: 'A page of users matching the filters' },
);
export type UsersPage = Static<typeof UsersPage>;

/**
 * `GET /v1/users/{userId}/history`'s query.
 *
 * @example
 * const q: HistoryQuery = { days: 60 };
 */
export const HistoryQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 400, default: 90, description: 'Days to look back, today included' }),
  ),
  score: Type.Optional(Type.String({ description: 'A score id (default: the config’s default score)' })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

/**
 * One UTC day of a user's score: what the scorer gives for their events with
 * now = the end of that day.
 *
 * @example
 * const d: HistoryDay = { date: '2026-11-20', score: 48, band: 'medium', model: 'saas' };
 */
export const HistoryDay = Type.Object({
  date: Type.String({ format: 'date' }),
  score: Type.Integer(),
  band: Type.String(),
  model: Type.String(),
});
export type HistoryDay = Static<typeof HistoryDay>;

/**
 * `GET /v1/users/{userId}/history`: one entry per UTC day from the user's first
 * event (or `days` ago) to today, oldest first.
 *
 * @example
 * const h: ScoreHistory = { userId: '42', days: [{ date: '2026-11-20', score: 48, band: 'medium', model: 'saas' }] };
 */
export const ScoreHistory = Type.Object(
  { userId: Type.String(), days: Type.Array(HistoryDay) },
  { description: 'Daily score, band and model, oldest first' },
);
export type ScoreHistory = Static<typeof ScoreHistory>;
