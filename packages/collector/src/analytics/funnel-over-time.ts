import { DAY_MS, utcDay } from '@pulse/core';
import type { ScoredUser } from './population.js';

/**
 * One point of the funnel over time: at the end of `date` (the last day of a
 * week), how many users had been seen and how many of them had completed each
 * milestone by then.
 *
 * @example
 * const p: FunnelPoint = { date: '2026-11-30', users: 240, milestones: [{ id: 'first-project', completed: 180 }] };
 */
export interface FunnelPoint {
  date: string;
  users: number;
  milestones: { id: string; completed: number }[];
}

/**
 * The funnel at the end of each of the last `weeks` weeks (the last one ending
 * today), oldest first. A milestone counts from when it was done (the time the
 * user's events recorded in their rollup), a user from their first event, so
 * each point is the funnel as it stood that day, also for a population imported
 * today.
 *
 * @example
 * funnelOverTime(users, ['first-project', 'invite'], Date.now(), 12).at(-1)?.users;
 */
export function funnelOverTime(
  users: readonly ScoredUser[],
  milestoneIds: readonly string[],
  now: number,
  weeks: number,
): FunnelPoint[] {
  const today = utcDay(now);
  const ends = Array.from({ length: weeks }, (_, i) => (today - 7 * (weeks - 1 - i) + 1) * DAY_MS);
  return ends.map((end) => {
    let seen = 0;
    const completed = new Map<string, number>();
    for (const { state } of users) {
      const first = state.rollup.firstSeen;
      if (first === null || first >= end) continue;
      seen += 1;
      for (const item of state.milestones.items) {
        if (item.doneAt !== null && item.doneAt < end) completed.set(item.id, (completed.get(item.id) ?? 0) + 1);
      }
    }
    return {
      date: new Date(end - DAY_MS).toISOString().slice(0, 10),
      users: seen,
      milestones: milestoneIds.map((id) => ({ id, completed: completed.get(id) ?? 0 })),
    };
  });
}
