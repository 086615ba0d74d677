import type { NormalizedConfig } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { UserListItem, UsersPage } from '../contract/users.js';
import { USER_SORTS } from '../contract/users.js';
import { PulseError } from '../errors.js';
import type { ResolvedUserFilter, UserListQuery, UserListRow } from '../store/user-list-sql.js';
import { userIdOfKey } from '../store/user-keys.js';
import { resolveUserFilter } from './resolve-filter.js';
import { decodeCursor, encodeCursor } from './users-cursor.js';

/** The largest page. */
export const MAX_LIMIT = 500;

const PAGE_KEYS = ['sort', 'order', 'limit', 'cursor'];

/**
 * A users-list query string read under `config` at `now`: the filters and the
 * first page's position (its cursor's, when given). Every bad parameter is a
 * 400 naming it.
 *
 * @example
 * const q = parseUsersQuery({ band: 'low', sort: 'lastSeen', limit: '100' }, config, Date.now());
 */
export function parseUsersQuery(
  query: Record<string, unknown>,
  config: NormalizedConfig,
  now: number,
): UserListQuery & { filters: ResolvedUserFilter[] } {
  const filterParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (!PAGE_KEYS.includes(k)) filterParams[k] = v;
  const filters = resolveUserFilter(filterParams, config, now);
  const sort = query.sort ?? 'score';
  if (!USER_SORTS.includes(sort as never))
    throw new PulseError('invalid', `sort: must be one of ${USER_SORTS.join(', ')}`);
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new PulseError('invalid', 'order: must be asc or desc');
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new PulseError('invalid', `limit: must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : null;
  const after = cursor === null ? null : decodeCursor(cursor, sort as string, order);
  return {
    filters,
    sort: sort as UserListQuery['sort'],
    order,
    limit,
    after: after === null ? null : { value: after.value, key: after.key },
  };
}

const SORT_VALUE = {
  score: (r: UserListRow) => r.score,
  lastSeen: (r: UserListRow) => r.lastSeen,
  scoreChange7d: (r: UserListRow) => r.scoreChange7d,
} as const;

/**
 * A stored row as the list answers it.
 *
 * @example
 * rows.map(userListItem);
 */
export function userListItem(r: UserListRow): UserListItem {
  return {
    userId: userIdOfKey(r.key) ?? r.key,
    score: r.score,
    band: r.band,
    model: r.modelId,
    lastSeen: r.lastSeen > 0 ? new Date(r.lastSeen).toISOString() : null,
    scoreChange7d: r.score7dAgo === null ? null : r.scoreChange7d,
    traits: r.traits,
  };
}

/**
 * One page of `GET /v1/admin/users` and the next page's cursor. Pages are keyed
 * on (sort value, user key): a user whose sort value does not change while a
 * client pages appears exactly once, however the others are rescored.
 *
 * @example
 * const page = await listUsers(ctx, parseUsersQuery(req.query, config, ctx.now()));
 */
export async function listUsers(ctx: CollectorContext, q: UserListQuery): Promise<UsersPage> {
  const [rows, total] = await Promise.all([
    ctx.store.listUsers(ctx.project, { ...q, limit: q.limit + 1 }),
    ctx.store.countMatching(ctx.project, q.filters),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last !== undefined
      ? encodeCursor({ sort: q.sort, order: q.order, value: SORT_VALUE[q.sort](last), key: last.key })
      : null;
  return { users: page.map(userListItem), nextCursor, total };
}

/**
 * Every matching user, page by page (for the CSV export), in list order.
 *
 * @example
 * for await (const rows of allPages(ctx, q)) write(rows);
 */
export async function* allPages(
  ctx: CollectorContext,
  q: UserListQuery,
  pageSize = 1000,
): AsyncGenerator<UserListRow[]> {
  let after = q.after;
  for (;;) {
    const rows = await ctx.store.listUsers(ctx.project, { ...q, limit: pageSize, after });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    after = { value: SORT_VALUE[q.sort](last), key: last.key };
  }
}
