import { DAY_MS, utcDay } from '@pulse/core';
import type { TrendDay } from '../contract/admin.js';

/** One recorded daily score, as the score history stores it. */
export interface HistoryRow {
  userKey: string;
  day: number;
  score: number;
  band: string;
}

/**
 * The last `days` days of the population's average score and band sizes, from
 * score history rows (a user's score carries forward until their next row).
 *
 * @example
 * scoreTrend(rows, 30, Date.now()).at(-1)?.averageScore;
 */
export function scoreTrend(rows: HistoryRow[], days: number, now: number): TrendDay[] {
  const today = utcDay(now);
  const first = today - days + 1;
  const sorted = [...rows].sort((a, b) => a.day - b.day);
  const latest = new Map<string, { score: number; band: string }>();
  const out: TrendDay[] = [];
  let i = 0;
  for (let day = first; day <= today; day++) {
    while (i < sorted.length && (sorted[i] as HistoryRow).day <= day) {
      const row = sorted[i] as HistoryRow;
      latest.set(row.userKey, { score: row.score, band: row.band });
      i++;
    }
    const bands: Record<string, number> = {};
    let total = 0;
    for (const s of latest.values()) {
      total += s.score;
      bands[s.band] = (bands[s.band] ?? 0) + 1;
    }
    out.push({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      averageScore: latest.size === 0 ? null : Math.round((total / latest.size) * 10) / 10,
      users: latest.size,
      bands,
    });
  }
  return out;
}

/**
 * Each user's latest score and band on or before `day`, from history rows.
 *
 * @example
 * scoresAsOf(rows, utcDay(Date.now()) - 7).get('u:42');
 */
export function scoresAsOf(rows: HistoryRow[], day: number): Map<string, { score: number; band: string; day: number }> {
  const out = new Map<string, { score: number; band: string; day: number }>();
  for (const row of rows) {
    if (row.day > day) continue;
    const seen = out.get(row.userKey);
    if (seen === undefined || seen.day < row.day)
      out.set(row.userKey, { score: row.score, band: row.band, day: row.day });
  }
  return out;
}
