import { segmentsAndAccounts } from './segments-accounts-migration.js';
import { POSTGRES_USERS_LIST, SQLITE_USERS_LIST } from './users-list-migration.js';

/**
 * The schema, as ordered migrations per dialect. Each runs once, in a
 * transaction, and is recorded in `pulse_migrations`. Append; never edit a
 * released migration.
 */
export interface Migration {
  version: number;
  statements: string[];
}

const common = (id: string, big: string): string[] => [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE events (
    id ${id},
    project TEXT NOT NULL,
    message_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    type TEXT NOT NULL,
    at ${big} NOT NULL,
    received_at ${big} NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (project, message_id)
  )`,
  `CREATE INDEX events_user ON events (project, user_key, id)`,
  `CREATE TABLE users (
    project TEXT NOT NULL,
    user_key TEXT NOT NULL,
    traits TEXT NOT NULL DEFAULT '{}',
    rollups TEXT NOT NULL DEFAULT '{}',
    score INTEGER,
    band TEXT,
    score_day INTEGER,
    updated_at ${big} NOT NULL DEFAULT 0,
    PRIMARY KEY (project, user_key)
  )`,
  `CREATE TABLE links (
    project TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    user_key TEXT NOT NULL,
    PRIMARY KEY (project, alias_key)
  )`,
  `CREATE INDEX links_target ON links (project, user_key)`,
  `CREATE TABLE memberships (
    project TEXT NOT NULL,
    group_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    PRIMARY KEY (project, group_id, user_key)
  )`,
  `CREATE INDEX memberships_user ON memberships (project, user_key)`,
  `CREATE TABLE score_history (
    project TEXT NOT NULL,
    user_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    score INTEGER NOT NULL,
    band TEXT NOT NULL,
    PRIMARY KEY (project, user_key, day)
  )`,
  `CREATE TABLE webhook_outbox (
    id ${id},
    url TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at ${big} NOT NULL,
    created_at ${big} NOT NULL,
    last_error TEXT,
    failed_at ${big}
  )`,
  `CREATE INDEX webhook_due ON webhook_outbox (next_attempt_at) WHERE failed_at IS NULL`,
];

// Lifecycle models and erasure: the model a user is on (and its moves), and
// whom each outbox row is about (so erasure can drop pending payloads). The
// retention purge walks events by id instead of adding an index on `at`,
// which every insert would pay for.
const lifecycleAndErasure = (big: string): string[] => [
  `ALTER TABLE users ADD COLUMN model_id TEXT`,
  `CREATE TABLE lifecycle_history (
    project TEXT NOT NULL,
    user_key TEXT NOT NULL,
    at ${big} NOT NULL,
    from_model TEXT NOT NULL,
    to_model TEXT NOT NULL
  )`,
  `CREATE INDEX lifecycle_user ON lifecycle_history (project, user_key, at)`,
  `ALTER TABLE webhook_outbox ADD COLUMN project TEXT`,
  `ALTER TABLE webhook_outbox ADD COLUMN user_key TEXT`,
  `CREATE INDEX webhook_user ON webhook_outbox (project, user_key)`,
];

// Config versions and role keys: every config change kept whole with its diff
// and who made it; admin keys stored as SHA-256 hashes only. A database that
// already holds a config gets it as version 1 (`now` is the dialect's clock in ms).
const versionsAndKeys = (big: string, now: string): string[] => [
  `CREATE TABLE config_versions (
    version INTEGER PRIMARY KEY,
    at ${big} NOT NULL,
    actor TEXT NOT NULL,
    config TEXT NOT NULL,
    diff TEXT NOT NULL,
    rollback_of INTEGER
  )`,
  `INSERT INTO config_versions (version, at, actor, config, diff)
   SELECT 1, ${now}, 'before versions were kept', value, '[]' FROM meta WHERE key = 'config'`,
  `UPDATE meta SET value = '1' WHERE key = 'config_version'`,
  `CREATE TABLE admin_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at ${big} NOT NULL,
    last_used_at ${big}
  )`,
];

/**
 * The migrations of `all` not yet in `applied`, lowest version first: a
 * database may hold a higher version than one it misses (branches numbered
 * their migrations apart), and the missing one still runs.
 *
 * @example
 * pendingMigrations([{ version: 3, statements: [] }, { version: 5, statements: [] }], new Set([5])); // → [v3]
 */
export function pendingMigrations(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  return all.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
}

// Several scores (docs/scoring.md "Several scores"): every score of every user,
// and the daily history per score. `users.score/band/model_id` stay as the
// mirror of the default score. A database from before holds one score, which a
// single-score config calls `engagement`: its rows are copied under that id.
const scoresPerUser = (): string[] => [
  `CREATE TABLE user_scores (
    project TEXT NOT NULL,
    user_key TEXT NOT NULL,
    score_id TEXT NOT NULL,
    model_id TEXT,
    score INTEGER,
    band TEXT,
    score_day INTEGER,
    PRIMARY KEY (project, user_key, score_id)
  )`,
  `CREATE INDEX user_scores_band ON user_scores (project, score_id, band, score)`,
  `CREATE INDEX user_scores_score ON user_scores (project, score_id, score)`,
  `INSERT INTO user_scores (project, user_key, score_id, model_id, score, band, score_day)
   SELECT project, user_key, 'engagement', model_id, score, band, score_day FROM users WHERE score IS NOT NULL`,
  `CREATE TABLE score_days (
    project TEXT NOT NULL,
    score_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    model_id TEXT,
    score INTEGER NOT NULL,
    band TEXT NOT NULL,
    PRIMARY KEY (project, score_id, user_key, day)
  )`,
  `INSERT INTO score_days (project, score_id, user_key, day, model_id, score, band)
   SELECT h.project, 'engagement', h.user_key, h.day, u.model_id, h.score, h.band
   FROM score_history h LEFT JOIN users u ON u.project = h.project AND u.user_key = h.user_key`,
  `DROP TABLE score_history`,
];

/** SQLite migrations. */
export const SQLITE_MIGRATIONS: Migration[] = [
  // A plain INTEGER PRIMARY KEY is the rowid: it grows with every insert without
  // AUTOINCREMENT's extra table write per row. (Purges delete the oldest events,
  // which never frees the top id; only erasing the newest events can.)
  { version: 1, statements: common('INTEGER PRIMARY KEY', 'INTEGER') },
  { version: 2, statements: lifecycleAndErasure('INTEGER') },
  { version: 3, statements: scoresPerUser() },
  { version: 4, statements: SQLITE_USERS_LIST },
  { version: 5, statements: versionsAndKeys('INTEGER', "CAST(unixepoch('subsec') * 1000 AS INTEGER)") },
  { version: 6, statements: segmentsAndAccounts('INTEGER') },
];

/** PostgreSQL migrations. */
export const POSTGRES_MIGRATIONS: Migration[] = [
  { version: 1, statements: common('BIGSERIAL PRIMARY KEY', 'BIGINT') },
  { version: 2, statements: lifecycleAndErasure('BIGINT') },
  { version: 3, statements: scoresPerUser() },
  { version: 4, statements: POSTGRES_USERS_LIST },
  { version: 5, statements: versionsAndKeys('BIGINT', '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT') },
  { version: 6, statements: segmentsAndAccounts('BIGINT') },
];
