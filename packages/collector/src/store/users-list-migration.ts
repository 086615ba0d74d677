/**
 * Migration 4: what the users list filters and sorts on in SQL (docs/decisions.md,
 * "Users list"). Columns the scorer writes on each user (`last_seen`, the score
 * 7 days ago and the change since, the latest band change, the milestones done),
 * indexes for each sort, and side tables of traits and milestones that triggers
 * keep in step with `users` (so ingestion writes nothing new when traits did not
 * change). Rollups are rebuilt at the next start (the models hash is dropped),
 * which fills the new columns for users stored before.
 */

const columns = (big: string): string[] => [
  `ALTER TABLE users ADD COLUMN last_seen ${big} NOT NULL DEFAULT 0`,
  `ALTER TABLE users ADD COLUMN milestones TEXT`,
  `ALTER TABLE users ADD COLUMN score_7d_ago INTEGER`,
  `ALTER TABLE users ADD COLUMN score_change_7d INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE users ADD COLUMN band_changed_at ${big}`,
  `ALTER TABLE users ADD COLUMN band_direction INTEGER`,
  `CREATE INDEX users_by_score ON users (project, score, user_key)`,
  `CREATE INDEX users_by_band ON users (project, band, score, user_key)`,
  `CREATE INDEX users_by_last_seen ON users (project, last_seen, user_key)`,
  `CREATE INDEX users_by_change ON users (project, score_change_7d, user_key)`,
  `CREATE INDEX users_by_band_change ON users (project, band_changed_at)`,
  `CREATE TABLE user_traits (
    project TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    user_key TEXT NOT NULL,
    PRIMARY KEY (project, name, value, user_key)
  )`,
  `CREATE INDEX user_traits_user ON user_traits (project, user_key)`,
  `CREATE TABLE user_milestones (
    project TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    PRIMARY KEY (project, milestone_id, user_key)
  )`,
  `CREATE INDEX user_milestones_user ON user_milestones (project, user_key)`,
  `CREATE TABLE accounts (
    project TEXT NOT NULL,
    group_id TEXT NOT NULL,
    traits TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (project, group_id)
  )`,
  `DELETE FROM meta WHERE key = 'models_hash'`,
];

// Scalar traits up to 200 characters, as text ('true'/'false' for booleans).
const SQLITE_TRAITS = (row: string) => `INSERT OR IGNORE INTO user_traits (project, name, value, user_key)
  SELECT ${row}.project, j.key,
    CASE j.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(j.value AS TEXT) END, ${row}.user_key
  FROM json_each(${row}.traits) AS j
  WHERE j.type IN ('text', 'integer', 'real', 'true', 'false') AND length(CAST(j.value AS TEXT)) <= 200`;

const SQLITE_MILESTONES = `INSERT OR IGNORE INTO user_milestones (project, milestone_id, user_key)
  SELECT new.project, j.value, new.user_key FROM json_each(COALESCE(new.milestones, '[]')) AS j`;

/** SQLite: migration 4's statements. */
export const SQLITE_USERS_LIST: string[] = [
  ...columns('INTEGER'),
  SQLITE_TRAITS('users').replace('FROM json_each', 'FROM users, json_each'),
  `CREATE TRIGGER users_facts_insert AFTER INSERT ON users BEGIN
    ${SQLITE_TRAITS('new')};
    ${SQLITE_MILESTONES};
  END`,
  `CREATE TRIGGER users_traits_update AFTER UPDATE OF traits ON users WHEN old.traits IS NOT new.traits BEGIN
    DELETE FROM user_traits WHERE project = old.project AND user_key = old.user_key;
    ${SQLITE_TRAITS('new')};
  END`,
  `CREATE TRIGGER users_milestones_update AFTER UPDATE OF milestones ON users
   WHEN old.milestones IS NOT new.milestones BEGIN
    DELETE FROM user_milestones WHERE project = old.project AND user_key = old.user_key;
    ${SQLITE_MILESTONES};
  END`,
  `CREATE TRIGGER users_facts_delete AFTER DELETE ON users BEGIN
    DELETE FROM user_traits WHERE project = old.project AND user_key = old.user_key;
    DELETE FROM user_milestones WHERE project = old.project AND user_key = old.user_key;
  END`,
];

const PG_TRAITS = (row: string) => `INSERT INTO user_traits (project, name, value, user_key)
  SELECT ${row}.project, j.key, j.value, ${row}.user_key
  FROM jsonb_each_text(${row}.traits::jsonb) AS j
  WHERE jsonb_typeof(${row}.traits::jsonb -> j.key) IN ('string', 'number', 'boolean') AND length(j.value) <= 200
  ON CONFLICT DO NOTHING`;

/** PostgreSQL: migration 4's statements. */
export const POSTGRES_USERS_LIST: string[] = [
  ...columns('BIGINT'),
  PG_TRAITS('users').replace('FROM jsonb_each_text', 'FROM users, jsonb_each_text'),
  `CREATE OR REPLACE FUNCTION pulse_user_facts() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.traits IS DISTINCT FROM NEW.traits) THEN
      DELETE FROM user_traits WHERE project = OLD.project AND user_key = OLD.user_key;
    END IF;
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.milestones IS DISTINCT FROM NEW.milestones) THEN
      DELETE FROM user_milestones WHERE project = OLD.project AND user_key = OLD.user_key;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' OR OLD.traits IS DISTINCT FROM NEW.traits THEN
      ${PG_TRAITS('NEW')};
    END IF;
    IF TG_OP = 'INSERT' OR OLD.milestones IS DISTINCT FROM NEW.milestones THEN
      INSERT INTO user_milestones (project, milestone_id, user_key)
      SELECT NEW.project, m, NEW.user_key FROM jsonb_array_elements_text(COALESCE(NEW.milestones, '[]')::jsonb) AS m
      ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER users_facts AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION pulse_user_facts()`,
];
