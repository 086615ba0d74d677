import type { Rollup } from '@pulse/core';
import type { StoredEvent, UserRecord } from './store.js';

/** A `users` row as both drivers return it (PostgreSQL returns BIGINT as text). */
export interface UserRow {
  user_key: string;
  traits: string;
  rollups: string;
  score: number | null;
  band: string | null;
  score_day: number | null;
  model_id: string | null;
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
  };
}

/**
 * A user that has no row yet.
 *
 * @example
 * const user = emptyUser('a:anon-1');
 */
export function emptyUser(key: string): UserRecord {
  return { key, traits: {}, rollups: {}, score: null, band: null, scoreDay: null, modelId: null };
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
