import { DAY_MS, utcDay, type PulseConfig, type PulseEvent } from '@pulse/core';
import { emptyUser } from '../store/rows.js';
import { applyEvent, scoreUser } from './user-scoring.js';

/** How far back history is kept and backfilled: the history endpoint's longest look-back. */
export const HISTORY_DAYS = 400;

/**
 * One user's score on one UTC day.
 *
 * @example
 * const d: DailyScore = { day: 20422, score: 48, band: 'medium', modelId: 'saas' };
 */
export interface DailyScore {
  day: number;
  score: number;
  band: string;
  modelId: string;
}

/**
 * A user's event as the replay needs it: its time, arrival order and body.
 *
 * @example
 * const e: ReplayEvent = { id: 7, at: Date.now(), event: JSON.parse(row.body) };
 */
export interface ReplayEvent {
  id: number;
  at: number;
  event: PulseEvent;
}

/**
 * A user's daily scores from their raw events, in one pass: events are folded
 * into the rollups day by day (in time order, arrival order within a day), and
 * each day from the user's first event (or `fromDay`) to `now`'s day is scored
 * with now = the end of that UTC day (today: `now`). Traits and lifecycle rules
 * apply as they stood on each day. Oldest first, one entry per day.
 *
 * @example
 * const days = dailyHistory(events, config, utcDay(Date.now()) - 60, Date.now());
 */
export function dailyHistory(
  events: readonly ReplayEvent[],
  config: PulseConfig,
  fromDay: number,
  now: number,
): DailyScore[] {
  const sorted = [...events].sort((a, b) => utcDay(a.at) - utcDay(b.at) || a.id - b.id);
  const first = sorted[0];
  if (first === undefined) return [];
  const today = utcDay(now);
  const user = emptyUser('replay');
  const out: DailyScore[] = [];
  let i = 0;
  for (let day = Math.max(fromDay, utcDay(first.at)); day <= today; day++) {
    const end = day === today ? now : (day + 1) * DAY_MS - 1;
    while (i < sorted.length && (sorted[i] as ReplayEvent).at <= end) {
      const e = sorted[i] as ReplayEvent;
      applyEvent(user, e.event, e.at, config.models);
      i += 1;
    }
    const r = scoreUser(user, config, end);
    out.push({ day, score: r.score, band: r.band, modelId: r.modelId });
  }
  return out;
}

/**
 * The days on which the score, band or model differ from the day before (and
 * the first): what is stored, since readers carry a day's row forward.
 *
 * @example
 * compactHistory(dailyHistory(events, config, from, now));
 */
export function compactHistory(days: readonly DailyScore[]): DailyScore[] {
  return days.filter((d, i) => {
    const p = days[i - 1];
    return p === undefined || p.score !== d.score || p.band !== d.band || p.modelId !== d.modelId;
  });
}
