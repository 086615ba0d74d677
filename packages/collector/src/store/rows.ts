import { setOwn, type Rollup } from '@pulse/core';
import type { ScoreRow, StoredEvent, UserRecord, UserScore } from './store.js';

/** A `users` row as both drivers return it (PostgreSQL returns BIGINT as text). */
export interface UserRow {
  user_key: string;
  traits: string;
  rollups: string;
  score: number | null;
  band: string | null;
  score_day: number | null;
  model_id: string | null;
  score_7d_ago?: number | null;
  band_changed_at?: number | string | null;
  band_direction?: number | null;
}

/** A `user_scores` row as both drivers return it. */
export interface UserScoreRow {
  user_key: string;
  score_id: string;
  model_id: string | null;
  score: number | null;
  band: string | null;
  score_day: number | null;
}

/** A `score_days` row as both drivers return it. */
export interface ScoreDayRow {
  user_key: string;
  score_id: string;
  day: number;
  model_id: string | null;
  score: number;
  band: string;
}

/**
 * Decodes a `score_days` row.
 *
 * @example
 * const history = rows.map(scoreRowFromRow);
 */
export function scoreRowFromRow(x: ScoreDayRow): ScoreRow {
  return { userKey: x.user_key, scoreId: x.score_id, day: x.day, modelId: x.model_id, score: x.score, band: x.band };
}

/**
 * Puts `user_scores` rows on the users they belong to (users not in `users` are skipped).
 *
 * @example
 * attachScores(users, stmt.all(project, key));
 */
export function attachScores(users: Map<string, UserRecord> | UserRecord[], rows: UserScoreRow[]): void {
  const byKey = Array.isArray(users) ? new Map(users.map((u) => [u.key, u])) : users;
  for (const r of rows) {
    const user = byKey.get(r.user_key);
    if (user === undefined) continue;
    const s: UserScore = { modelId: r.model_id, score: r.score, band: r.band, scoreDay: r.score_day };
    setOwn(user.scores, r.score_id, s);
  }
}

/** An `events` row as both drivers return it. */
export interface EventDbRow {
  id: number | string;
  message_id: string;
  user_key: string;
  type: string;
  at: number | string;
  received_at: number | string;
  body: string;
}

/**
 * Decodes a `users` row.
 *
 * @example
 * const user = userFromRow(stmt.get(project, key));
 */
export function userFromRow(row: UserRow): UserRecord {
  return {
    key: row.user_key,
    traits: JSON.parse(row.traits) as Record<string, unknown>,
    rollups: JSON.parse(row.rollups) as Record<string, Rollup>,
    score: row.score,
    band: row.band,
    scoreDay: row.score_day,
    modelId: row.model_id,
    scores: {},
    // Left out when unset, so a record reads back as it was saved.
    ...(row.score_7d_ago == null ? {} : { score7dAgo: row.score_7d_ago }),
    ...(row.band_changed_at == null ? {} : { bandChangedAt: Number(row.band_changed_at) }),
    ...(row.band_direction === 1 || row.band_direction === -1 ? { bandDirection: row.band_direction } : {}),
  };
}

/**
 * What the users list reads from a user, derived when the user is saved: the
 * last event's time, the milestones done under any model (a JSON array, sorted),
 * the score 7 days ago and the change since (0 when there was no score then),
 * the latest band change.
 *
 * @example
 * const c = listColumns(user); // → { lastSeen: 1795305600000, milestones: '["first-project"]', … }
 */
export function listColumns(u: UserRecord) {
  let lastSeen = 0;
  const milestones = new Set<string>();
  for (const r of Object.values(u.rollups)) {
    if (r.lastSeen !== null && r.lastSeen > lastSeen) lastSeen = r.lastSeen;
    for (const id of Object.keys(r.milestones)) milestones.add(id);
  }
  const score7dAgo = u.score7dAgo ?? null;
  return {
    lastSeen,
    milestones: JSON.stringify([...milestones].sort()),
    score7dAgo,
    scoreChange7d: score7dAgo === null || u.score === null ? 0 : u.score - score7dAgo,
    bandChangedAt: u.bandChangedAt ?? null,
    bandDirection: u.bandDirection ?? null,
  };
}

/**
 * A user that has no row yet.
 *
 * @example
 * const user = emptyUser('a:anon-1');
 */
export function emptyUser(key: string): UserRecord {
  return { key, traits: {}, rollups: {}, score: null, band: null, scoreDay: null, modelId: null, scores: {} };
}

/**
 * Decodes an `events` row.
 *
 * @example
 * const events = rows.map(eventFromRow);
 */
export function eventFromRow(row: EventDbRow): StoredEvent {
  return {
    id: Number(row.id),
    messageId: row.message_id,
    userKey: row.user_key,
    type: row.type,
    at: Number(row.at),
    receivedAt: Number(row.received_at),
    body: row.body,
  };
}
