import { userState, utcDay, type ScorableEvent } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { userIdOfKey } from '../store/user-keys.js';
import type { StoredEvent, UserRecord } from '../store/store.js';
import type { ScoredUser } from './population.js';
import type { HistoryRow } from './trend.js';
import { pinnedConfig } from '../scoring/user-scoring.js';

const PAGE = 500;

/**
 * Every identified user's record, page by page in key order. Anonymous
 * identities (visitors who never identified) are left out of the admin views.
 *
 * @example
 * for await (const user of identifiedUsers(ctx)) count++;
 */
export async function* identifiedUsers(ctx: CollectorContext): AsyncGenerator<{ userId: string; record: UserRecord }> {
  let after = 'u:';
  for (;;) {
    const keys = await ctx.store.listUserKeys(ctx.project, after, PAGE);
    for (const key of keys) {
      const userId = userIdOfKey(key);
      if (userId === null) return;
      const record = await ctx.store.getUser(ctx.project, key);
      if (record !== null) yield { userId, record };
    }
    if (keys.length < PAGE) return;
    after = keys[keys.length - 1] as string;
  }
}

/**
 * Every identified user with their state now (core's `userState`, as the state endpoint computes it).
 *
 * @example
 * const users = await scoredUsers(ctx);
 */
export async function scoredUsers(ctx: CollectorContext): Promise<ScoredUser[]> {
  const config = ctx.configs.current().config;
  const now = ctx.now();
  const out: ScoredUser[] = [];
  for await (const { userId, record } of identifiedUsers(ctx)) {
    out.push({
      userId,
      state: userState({
        config: pinnedConfig(record, config, now),
        rollups: record.rollups,
        traits: record.traits,
        userKey: userId,
        now,
      }),
    });
  }
  return out;
}

/**
 * One score's daily rows (default: the default score) of the identified users since `fromDay` (plus each
 * user's last row before it).
 *
 * @example
 * const rows = await historyRows(ctx, utcDay(Date.now()) - 30);
 */
export async function historyRows(ctx: CollectorContext, fromDay: number, scoreId?: string): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  const score = scoreId ?? ctx.configs.current().config.defaultScore;
  for await (const { userId, record } of identifiedUsers(ctx)) {
    const history = await ctx.store.scoreHistory(ctx.project, record.key, 0, score);
    const carried = history.filter((r) => r.day < fromDay).at(-1);
    for (const r of history) {
      if (r.day >= fromDay || r === carried) rows.push({ userKey: userId, day: r.day, score: r.score, band: r.band });
    }
  }
  return rows;
}

/** A stored event as core scores it: its skew-corrected time and its body. */
export function scorable(e: StoredEvent): ScorableEvent {
  const body = JSON.parse(e.body) as Record<string, unknown>;
  return {
    type: e.type,
    event: typeof body.event === 'string' ? body.event : undefined,
    properties:
      typeof body.properties === 'object' && body.properties !== null
        ? (body.properties as Record<string, unknown>)
        : undefined,
    timestamp: e.at,
  };
}

/**
 * A user's stored events, oldest first.
 *
 * @example
 * const events = await userEvents(ctx, 'u:42');
 */
export function userEvents(ctx: CollectorContext, key: string): Promise<StoredEvent[]> {
  return ctx.store.transaction((tx) => tx.userEvents(ctx.project, key));
}

/** Today's UTC day on the collector's clock. */
export const today = (ctx: CollectorContext) => utcDay(ctx.now());
