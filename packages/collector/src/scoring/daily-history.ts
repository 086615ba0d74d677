import { DAY_MS, utcDay, type NormalizedConfig, type PulseEvent } from '@pulse/core';
import { emptyUser } from '../store/rows.js';
import { bandDirection } from './band-direction.js';
import { applyEvent, scoreUser } from './user-scoring.js';

/** How far back history is kept and backfilled: the history endpoint's longest look-back. */
export const HISTORY_DAYS = 400;

/**
 * One user's score (of one score id) on one UTC day.
 *
 * @example
 * const d: DailyScore = { scoreId: 'engagement', day: 20422, score: 48, band: 'medium', modelId: 'saas' };
 */
export interface DailyScore {
  scoreId: string;
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
 * with now = the end of that UTC day (today: `now`), for every score of the
 * config. Traits and lifecycle rules apply as they stood on each day. Oldest
 * first, one entry per day and score (in config order within a day).
 *
 * @example
 * const days = dailyHistory(events, config, utcDay(Date.now()) - 60, Date.now());
 */
export function dailyHistory(
  events: readonly ReplayEvent[],
  config: NormalizedConfig,
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
    for (const def of config.scores) {
      const r = scoreUser(user, config, end, def.id);
      out.push({ scoreId: def.id, day, score: r.score, band: r.band, modelId: r.modelId });
    }
  }
  return out;
}

/**
 * The days on which a score, its band or model differ from the day before (and
 * each score's first day): what is stored, since readers carry a day's row forward.
 *
 * @example
 * compactHistory(dailyHistory(events, config, from, now));
 */
export function compactHistory(days: readonly DailyScore[]): DailyScore[] {
  const last = new Map<string, DailyScore>();
  return days.filter((d) => {
    const p = last.get(d.scoreId);
    last.set(d.scoreId, d);
    return p === undefined || p.score !== d.score || p.band !== d.band || p.modelId !== d.modelId;
  });
}

/**
 * What the users list reads from a user's default-score history, taken from a
 * replayed history so that a rebuild (after `pulse import`, a seed or a model
 * change) gives every user a 7-day change and their latest band change, as if
 * they had been scored every day: the score 7 days before `today` (the latest on
 * or before that day), and the last day the band differed from the day before,
 * with its direction (as `bandDirection` says it).
 *
 * @example
 * const marks = historyMarks(dailyHistory(events, config, from, now), config, utcDay(now));
 */
export function historyMarks(
  days: readonly DailyScore[],
  config: NormalizedConfig,
  today: number,
): { score7dAgo: number | null; bandChangedAt: number | null; bandDirection: 1 | -1 | null } {
  const own = days.filter((d) => d.scoreId === config.defaultScore);
  let score7dAgo: number | null = null;
  let bandChangedAt: number | null = null;
  let direction: 1 | -1 | null = null;
  for (let i = 0; i < own.length; i++) {
    const d = own[i] as DailyScore;
    if (d.day <= today - 7) score7dAgo = d.score;
    const p = i > 0 ? (own[i - 1] as DailyScore) : undefined;
    if (p !== undefined && p.band !== d.band) {
      bandChangedAt = d.day * DAY_MS;
      direction = bandDirection(config, { from: p.band, fromModel: p.modelId, to: d.band, toModel: d.modelId });
    }
  }
  return { score7dAgo, bandChangedAt, bandDirection: direction };
}
