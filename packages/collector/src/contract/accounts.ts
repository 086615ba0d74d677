import { Type, type Static } from 'typebox';
import { nullable } from './common.js';

// `GET /v1/admin/accounts`, `GET /v1/admin/accounts/{accountId}`.

const text = (description: string) => Type.Optional(Type.String({ description }));

/** The sort keys of the accounts list. */
export const ACCOUNT_SORTS = ['score', 'size', 'lastSeen'] as const;

/**
 * `GET /v1/admin/accounts`'s query: filters (AND), sort and page. An account is
 * a `group()` id; `trait.<name>` filters on the account's own traits (from its
 * `group` calls). Unknown parameters get a 400.
 *
 * @example
 * const q: AccountsQuery = { band: 'high', minSize: '3', sort: 'score', order: 'desc' };
 */
export const AccountsQuery = Type.Object(
  {
    band: text('Band ids, comma-separated'),
    minScore: text('Account score ≥ this'),
    maxScore: text('Account score ≤ this'),
    minSize: text('At least this many members'),
    maxSize: text('At most this many members'),
    sort: Type.Optional(
      Type.Union(
        ACCOUNT_SORTS.map((s) => Type.Literal(s)),
        { description: 'Sort key (default score)' },
      ),
    ),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Default desc' })),
    limit: text('Accounts per page, 1–500 (default 50)'),
    cursor: text("The previous page's nextCursor"),
  },
  {
    additionalProperties: true,
    patternProperties: { '^trait\\.': Type.String({ description: "trait.<name>=<value> on the account's traits" }) },
  },
);
export type AccountsQuery = Static<typeof AccountsQuery>;

/**
 * One account in the list: its score aggregated from its members' (config
 * `accounts.aggregation`, default the mean), the band of that score, members.
 *
 * @example
 * const a: AccountListItem = { accountId: 'acme', score: 62, band: 'medium', size: 4, lastSeen: '2026-11-30T10:00:00.000Z', traits: { name: 'Acme' } };
 */
export const AccountListItem = Type.Object({
  accountId: Type.String(),
  score: Type.Integer({ description: "0–100, aggregated from the members' scores" }),
  band: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Scored members' }),
  lastSeen: nullable(Type.String({ format: 'date-time', description: "Any member's last event" })),
  traits: Type.Record(Type.String(), Type.Unknown()),
});
export type AccountListItem = Static<typeof AccountListItem>;

/**
 * `GET /v1/admin/accounts`.
 *
 * @example
 * const page: AccountsPage = { accounts: [], nextCursor: null, total: 0 };
 */
export const AccountsPage = Type.Object(
  {
    accounts: Type.Array(AccountListItem),
    nextCursor: nullable(Type.String()),
    total: Type.Integer({ minimum: 0 }),
  },
  { description: 'A page of accounts matching the filters' },
);
export type AccountsPage = Static<typeof AccountsPage>;

/**
 * A member of an account with their score and role (the member trait named by
 * `accounts.roleTrait`, default `role`).
 *
 * @example
 * const m: AccountMember = { userId: '42', score: 71, band: 'high', model: 'saas', role: 'admin', lastSeen: null, weight: 1 };
 */
export const AccountMember = Type.Object({
  userId: Type.String(),
  score: Type.Integer(),
  band: Type.String(),
  model: Type.String(),
  role: nullable(Type.String()),
  lastSeen: nullable(Type.String({ format: 'date-time' })),
  weight: Type.Number({ description: "The member's weight in the account score" }),
});
export type AccountMember = Static<typeof AccountMember>;

/**
 * `GET /v1/admin/accounts/{accountId}`: the account, its members (highest score
 * first) and its daily score history, oldest first.
 *
 * @example
 * const a: AccountDetail = await api.get<AccountDetail>('/v1/admin/accounts/acme');
 */
export const AccountDetail = Type.Object(
  {
    ...AccountListItem.properties,
    aggregation: Type.String({ description: 'How members make the account score (mean, activity, max, trait)' }),
    members: Type.Array(AccountMember),
    history: Type.Array(
      Type.Object({ date: Type.String({ format: 'date' }), score: Type.Integer(), band: Type.String() }),
      { description: "The account score per UTC day from its members' history, oldest first" },
    ),
  },
  { description: 'An account with its members and history' },
);
export type AccountDetail = Static<typeof AccountDetail>;

/**
 * `:accountId` in a path.
 *
 * @example
 * const schema = { params: AccountIdParams };
 */
export const AccountIdParams = Type.Object({ accountId: Type.String() });
