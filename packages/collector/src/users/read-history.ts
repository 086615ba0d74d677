import { DAY_MS, utcDay } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { ScoreHistory } from '../contract/users.js';
import { PulseError } from '../errors.js';
import { userKey } from '../store/user-keys.js';

const date = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * A user's daily score (the default score, or `scoreId`) for the last `days`
 * days (today included), from the
 * stored history: one entry per UTC day from the user's first event (or `days`
 * ago) to today, each day carrying the latest row on or before it.
 *
 * @example
 * const h = await readHistory(ctx, '42', 60);
 */
export async function readHistory(
  ctx: CollectorContext,
  userId: string,
  days: number,
  scoreId?: string,
): Promise<ScoreHistory> {
  const config = ctx.configs.current().config;
  const score = scoreId ?? config.defaultScore;
  if (!config.scores.some((s) => s.id === score)) throw new PulseError('invalid', `score: unknown score "${score}"`);
  const record = await ctx.store.getUser(ctx.project, userKey(userId));
  if (record === null || record.score === null) throw new PulseError('not-found', `user "${userId}" has no events`);
  const today = utcDay(ctx.now());
  let firstSeen: number | null = null;
  for (const r of Object.values(record.rollups)) {
    if (r.firstSeen !== null) firstSeen = firstSeen === null ? r.firstSeen : Math.min(firstSeen, r.firstSeen);
  }
  const from = Math.max(today - days + 1, firstSeen === null ? today : utcDay(firstSeen));
  const rows = await ctx.store.scoreHistory(ctx.project, record.key, 0, score);
  const out: ScoreHistory['days'] = [];
  let i = 0;
  let carried: (typeof rows)[number] | undefined;
  for (let day = from; day <= today; day++) {
    while (i < rows.length && (rows[i] as (typeof rows)[number]).day <= day) carried = rows[i++];
    if (carried === undefined) continue;
    out.push({ date: date(day), score: carried.score, band: carried.band, model: carried.modelId ?? '' });
  }
  return { userId, days: out };
}
