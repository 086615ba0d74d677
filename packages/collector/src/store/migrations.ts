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

/** SQLite migrations. */
export const SQLITE_MIGRATIONS: Migration[] = [
  // A plain INTEGER PRIMARY KEY is the rowid: it still grows with every insert
  // (events are never deleted) without AUTOINCREMENT's extra table write per row.
  { version: 1, statements: common('INTEGER PRIMARY KEY', 'INTEGER') },
];

/** PostgreSQL migrations. */
export const POSTGRES_MIGRATIONS: Migration[] = [{ version: 1, statements: common('BIGSERIAL PRIMARY KEY', 'BIGINT') }];
