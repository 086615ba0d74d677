import { getOwn, type NormalizedConfig } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { AccountDetail, AccountListItem, AccountsPage } from '../contract/accounts.js';
import { ACCOUNT_SORTS } from '../contract/accounts.js';
import { PulseError } from '../errors.js';
import type { AccountMemberRow } from '../store/store.js';
import { userIdOfKey } from '../store/user-keys.js';
import { accountBand, accountScore, memberWeight } from './account-score.js';
import { MAX_LIMIT } from './list-users.js';
import { decodeCursor, encodeCursor } from './users-cursor.js';

/** An account with the values the list sorts and filters on. */
interface Account extends AccountListItem {
  lastSeenMs: number;
  members: (AccountMemberRow & { weight: number })[];
}

function group(rows: AccountMemberRow[], config: NormalizedConfig, now: number): Account[] {
  const settings = config.accounts ?? {};
  const byId = new Map<string, AccountMemberRow[]>();
  for (const r of rows) byId.set(r.groupId, [...(byId.get(r.groupId) ?? []), r]);
  return [...byId.entries()].map(([accountId, list]) => {
    const members = list.map((m) => ({ ...m, weight: memberWeight(m, settings, config, now) }));
    const score = accountScore(
      members.map((m) => ({ score: m.user.score ?? 0, weight: m.weight })),
      settings.aggregation,
    );
    const lastSeenMs = Math.max(...members.map((m) => m.lastSeen));
    return {
      accountId,
      score,
      band: accountBand(config, score),
      size: members.length,
      lastSeen: lastSeenMs > 0 ? new Date(lastSeenMs).toISOString() : null,
      lastSeenMs,
      traits: list[0]?.groupTraits ?? {},
      members,
    };
  });
}

const PARAMS = ['band', 'minScore', 'maxScore', 'minSize', 'maxSize', 'sort', 'order', 'limit', 'cursor'];

function number(query: Record<string, unknown>, key: string): number | undefined {
  const v = query[key];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new PulseError('invalid', `${key}: must be a number ≥ 0`);
  return n;
}

function matcher(query: Record<string, unknown>, config: NormalizedConfig): (a: Account) => boolean {
  for (const key of Object.keys(query)) {
    if (!PARAMS.includes(key) && !(key.startsWith('trait.') && key.length > 6))
      throw new PulseError('invalid', `${key}: is not a known filter`);
    if (Array.isArray(query[key])) throw new PulseError('invalid', `${key}: is given more than once`);
  }
  const bands = typeof query.band === 'string' ? query.band.split(',') : undefined;
  const known = new Set(config.models.flatMap((m) => m.bands.map((b) => b.id)));
  for (const b of bands ?? []) if (!known.has(b)) throw new PulseError('invalid', `band: unknown id "${b}"`);
  const [minScore, maxScore, minSize, maxSize] = ['minScore', 'maxScore', 'minSize', 'maxSize'].map((k) =>
    number(query, k),
  );
  const traits = Object.keys(query)
    .filter((k) => k.startsWith('trait.'))
    .map((k) => [k.slice(6), String(query[k])] as const);
  return (a) =>
    (bands === undefined || bands.includes(a.band)) &&
    (minScore === undefined || a.score >= minScore) &&
    (maxScore === undefined || a.score <= maxScore) &&
    (minSize === undefined || a.size >= minSize) &&
    (maxSize === undefined || a.size <= maxSize) &&
    traits.every(([name, value]) => {
      const v = getOwn(a.traits, name);
      return v !== undefined && v !== null && String(v) === value;
    });
}

const SORT_VALUE = {
  score: (a: Account) => a.score,
  size: (a: Account) => a.size,
  lastSeen: (a: Account) => a.lastSeenMs,
};

/**
 * `GET /v1/admin/accounts`: accounts (group ids with identified, scored
 * members) filtered, sorted and paged like the users list. Account scores are
 * aggregated from the members' current scores when asked (config `accounts`).
 *
 * @example
 * const page = await listAccounts(ctx, { band: 'high', sort: 'size' });
 */
export async function listAccounts(ctx: CollectorContext, query: Record<string, unknown>): Promise<AccountsPage> {
  const config = ctx.configs.current().config;
  const keep = matcher(query, config);
  const sort = (query.sort ?? 'score') as (typeof ACCOUNT_SORTS)[number];
  if (!ACCOUNT_SORTS.includes(sort))
    throw new PulseError('invalid', `sort: must be one of ${ACCOUNT_SORTS.join(', ')}`);
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new PulseError('invalid', 'order: must be asc or desc');
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new PulseError('invalid', `limit: must be a whole number from 1 to ${MAX_LIMIT}`);
  const sign = order === 'asc' ? 1 : -1;
  const value = SORT_VALUE[sort];
  const all = group(await ctx.store.accountMembers(ctx.project), config, ctx.now())
    .filter(keep)
    .sort(
      (a, b) => sign * (value(a) - value(b) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)),
    );
  let start = 0;
  if (typeof query.cursor === 'string' && query.cursor !== '') {
    const c = decodeCursor(query.cursor, sort, order);
    const after = (a: Account) =>
      sign * (value(a) - c.value) > 0 ||
      (value(a) === c.value && sign * (a.accountId < c.key ? -1 : a.accountId > c.key ? 1 : 0) > 0);
    start = all.findIndex(after);
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + limit);
  const last = page.at(-1);
  const more = start + limit < all.length && last !== undefined;
  return {
    accounts: page.map(({ accountId, score, band, size, lastSeen, traits }) => ({
      accountId,
      score,
      band,
      size,
      lastSeen,
      traits,
    })),
    nextCursor: more ? encodeCursor({ sort, order, value: value(last), key: last.accountId }) : null,
    total: all.length,
  };
}

/**
 * `GET /v1/admin/accounts/{accountId}`: the account, its members (highest score
 * first) with role and weight, and its score per day over the last `days` days
 * from the members' history (today's weights).
 *
 * @example
 * const a = await accountDetail(ctx, 'acme', 60);
 */
export async function accountDetail(ctx: CollectorContext, accountId: string, days = 60): Promise<AccountDetail> {
  const config = ctx.configs.current().config;
  const [account] = group(await ctx.store.accountMembers(ctx.project, accountId), config, ctx.now());
  if (account === undefined) throw new PulseError('not-found', `account "${accountId}" has no scored members`);
  const roleTrait = config.accounts?.roleTrait ?? 'role';
  const members = [...account.members].sort((a, b) => (b.user.score ?? 0) - (a.user.score ?? 0));
  const history = await accountHistory(ctx, account, days);
  const { lastSeenMs, members: _m, ...item } = account;
  void lastSeenMs;
  void _m;
  return {
    ...item,
    aggregation: config.accounts?.aggregation ?? 'mean',
    members: members.map((m) => {
      const role = getOwn(m.user.traits, roleTrait);
      return {
        userId: userIdOfKey(m.user.key) ?? m.user.key,
        score: m.user.score ?? 0,
        band: m.user.band ?? '',
        model: m.user.modelId ?? '',
        role: typeof role === 'string' ? role : null,
        lastSeen: m.lastSeen > 0 ? new Date(m.lastSeen).toISOString() : null,
        weight: m.weight,
      };
    }),
    history,
  };
}

async function accountHistory(
  ctx: CollectorContext,
  account: Account,
  days: number,
): Promise<AccountDetail['history']> {
  const config = ctx.configs.current().config;
  const today = Math.floor(ctx.now() / 86_400_000);
  const from = today - days + 1;
  const series = await Promise.all(
    account.members.map(async (m) => ({
      weight: m.weight,
      rows: await ctx.store.scoreHistory(ctx.project, m.user.key, 0, config.defaultScore),
    })),
  );
  const out: AccountDetail['history'] = [];
  for (let day = from; day <= today; day++) {
    const scores = series.flatMap(({ weight, rows }) => {
      const row = rows.filter((r) => r.day <= day).at(-1);
      return row === undefined ? [] : [{ score: row.score, weight }];
    });
    if (scores.length === 0) continue;
    const score = accountScore(scores, config.accounts?.aggregation);
    out.push({ date: new Date(day * 86_400_000).toISOString().slice(0, 10), score, band: accountBand(config, score) });
  }
  return out;
}
