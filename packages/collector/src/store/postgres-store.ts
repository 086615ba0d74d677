import pg from 'pg';
import { POSTGRES_MIGRATIONS, pendingMigrations } from './migrations.js';
import {
  attachScores,
  emptyUser,
  eventFromRow,
  listColumns,
  scoreRowFromRow,
  userFromRow,
  type EventDbRow,
  type ScoreDayRow,
  type UserRow,
  type UserScoreRow,
} from './rows.js';
import { eraseUserRows } from './postgres-erase.js';
import { INSERT_VERSION_COLUMNS, versionParams } from './admin-rows.js';
import { postgresAdmin } from './postgres-admin.js';
import { accountMemberFrom, type AccountDbRow } from './account-rows.js';
import { userCountSql, userListRowFrom, userListSql, type UserListDbRow } from './user-list-sql.js';
import type { OutboxRow, Store, StoredEvent, StoreTx, UserRecord } from './store.js';
import { membershipTx } from './membership-tx.js';

type Client = pg.PoolClient | pg.Pool;

/**
 * Where and how to connect: a `postgres://` URL, an optional schema (created on
 * migrate; all tables live there) and the pool size.
 *
 * @example
 * const options: PostgresStoreOptions = { url: 'postgres://postgres@127.0.0.1:5432/pulse', schema: 'pulse' };
 */
export interface PostgresStoreOptions {
  url: string;
  schema?: string;
  poolSize?: number;
}

const USER_COLUMNS =
  'user_key, traits, rollups, score, band, score_day, model_id, score_7d_ago, band_changed_at, band_direction';
const EVENT_COLUMNS = 'id, message_id, user_key, type, at, received_at, body';
const SCORE_COLUMNS = 'user_key, score_id, model_id, score, band, score_day';
const DAY_COLUMNS = 'user_key, score_id, day, model_id, score, band';
// Any constant works: it only has to be the same in every collector process.
const MIGRATION_LOCK = 7_264_001;
const RETRYABLE = new Set(['40001', '40P01']);
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

// A checked-out client whose server goes away (shutdown, restart) emits 'error'
// besides failing its query; unheard, that event would crash the process. The
// broken client is left out of the pool on release (pg checks it is queryable).
const ignoreError = (): void => undefined;

async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', ignoreError);
  return client;
}

function release(client: pg.PoolClient): void {
  client.removeListener('error', ignoreError);
  client.release();
}

async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await checkout(pool);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS pulse_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM pulse_migrations')).rows.map((r) => r.version),
    );
    for (const m of pendingMigrations(POSTGRES_MIGRATIONS, applied)) {
      for (const sql of m.statements) await client.query(sql);
      await client.query('INSERT INTO pulse_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    release(client);
  }
}

function createTx(c: Client): StoreTx {
  const run = async (text: string, params: unknown[]) =>
    (await c.query(text, params)).rows as Record<string, unknown>[];
  return {
    ...membershipTx('postgres', run, 'FOR UPDATE'),
    async configVersion() {
      // The share lock makes `PUT /v1/admin/config` (which updates this row) wait
      // for batches in flight, so no batch applies an old model after a rescore.
      const r = await c.query<{ value: string }>("SELECT value FROM meta WHERE key = 'config_version' FOR SHARE");
      return r.rows[0] === undefined ? 0 : Number(r.rows[0].value);
    },
    async insertConfigVersion(row) {
      // Two processes writing the first config of a fresh database find no
      // version row to lock: the loser of the race retries its whole transaction
      // (as after a serialization failure) and then reads the winner's config.
      const r = await c.query(
        `INSERT INTO config_versions (${INSERT_VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING`,
        versionParams(row),
      );
      if (r.rowCount === 0) {
        throw Object.assign(new Error(`config version ${row.version} was written concurrently`), { code: '40001' });
      }
    },
    async getMeta(key) {
      return (await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? null;
    },
    async setMeta(key, value) {
      await c.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
    async findLinks(project, keys) {
      const r = await c.query<{ alias_key: string; user_key: string }>(
        'SELECT alias_key, user_key FROM links WHERE project = $1 AND alias_key = ANY($2::text[])',
        [project, keys],
      );
      return new Map(r.rows.map((row) => [row.alias_key, row.user_key]));
    },
    async insertEvents(project, rows) {
      if (rows.length === 0) return new Set();
      // Sorted by messageId, so two instances inserting the same retried batch
      // take the unique-index locks in the same order and cannot deadlock.
      const sorted = [...rows].sort((a, b) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
      // One JSON parameter: cheaper to encode than seven array literals of escaped bodies.
      const r = await c.query<{ message_id: string }>(
        `INSERT INTO events (project, message_id, user_key, type, at, received_at, body)
         SELECT $1, x.m, x.u, x.t, x.a, x.r, x.b
         FROM json_to_recordset($2::json) AS x(i int, m text, u text, t text, a bigint, r bigint, b text) ORDER BY x.i
         ON CONFLICT (project, message_id) DO NOTHING RETURNING message_id`,
        [
          project,
          JSON.stringify(
            sorted.map((x, i) => ({ i, m: x.messageId, u: x.userKey, t: x.type, a: x.at, r: x.receivedAt, b: x.body })),
          ),
        ],
      );
      return new Set(r.rows.map((row) => row.message_id));
    },
    async lockUsers(project, keys) {
      const sorted = [...new Set(keys)].sort();
      // A placeholder row for each new user gives FOR UPDATE something to lock:
      // without it two instances could both start a new user from empty.
      await c.query(
        'INSERT INTO users (project, user_key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING',
        [project, sorted],
      );
      const r = await c.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE project = $1 AND user_key = ANY($2::text[]) ORDER BY user_key FOR UPDATE`,
        [project, sorted],
      );
      const users = new Map<string, UserRecord>(sorted.map((k) => [k, emptyUser(k)]));
      for (const row of r.rows) users.set(row.user_key, userFromRow(row));
      const scores = await c.query<UserScoreRow>(
        `SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = $1 AND user_key = ANY($2::text[])`,
        [project, sorted],
      );
      attachScores(users, scores.rows);
      return users;
    },
    async saveUsers(project, users) {
      if (users.length === 0) return;
      const rows = users.map((u) => {
        const l = listColumns(u);
        return {
          k: u.key,
          t: JSON.stringify(u.traits),
          r: JSON.stringify(u.rollups),
          s: u.score,
          b: u.band,
          d: u.scoreDay,
          m: u.modelId,
          ls: l.lastSeen,
          ms: l.milestones,
          s7: l.score7dAgo,
          c7: l.scoreChange7d,
          bc: l.bandChangedAt,
          bd: l.bandDirection,
        };
      });
      await c.query(
        `INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, updated_at,
           last_seen, milestones, score_7d_ago, score_change_7d, band_changed_at, band_direction)
         SELECT $1, x.k, x.t, x.r, x.s, x.b, x.d, x.m, $3, x.ls, x.ms, x.s7, x.c7, x.bc, x.bd
         FROM json_to_recordset($2::json) AS x(k text, t text, r text, s int, b text, d int, m text,
           ls bigint, ms text, s7 int, c7 int, bc bigint, bd int)
         ON CONFLICT (project, user_key) DO UPDATE SET traits = excluded.traits, rollups = excluded.rollups,
         score = excluded.score, band = excluded.band, score_day = excluded.score_day, model_id = excluded.model_id,
         updated_at = excluded.updated_at, last_seen = excluded.last_seen, milestones = excluded.milestones,
         score_7d_ago = excluded.score_7d_ago, score_change_7d = excluded.score_change_7d,
         band_changed_at = excluded.band_changed_at, band_direction = excluded.band_direction`,
        [project, JSON.stringify(rows), Date.now()],
      );
      const scores = users.flatMap((u) =>
        Object.entries(u.scores).map(([id, x]) => ({
          k: u.key,
          i: id,
          m: x.modelId,
          s: x.score,
          b: x.band,
          d: x.scoreDay,
        })),
      );
      if (scores.length === 0) return;
      await c.query(
        `INSERT INTO user_scores (project, user_key, score_id, model_id, score, band, score_day)
         SELECT $1, x.k, x.i, x.m, x.s, x.b, x.d
         FROM json_to_recordset($2::json) AS x(k text, i text, m text, s int, b text, d int)
         ON CONFLICT (project, user_key, score_id) DO UPDATE SET model_id = excluded.model_id,
         score = excluded.score, band = excluded.band, score_day = excluded.score_day`,
        [project, JSON.stringify(scores)],
      );
    },
    async deleteUser(project, key) {
      await c.query('DELETE FROM users WHERE project = $1 AND user_key = $2', [project, key]);
      await c.query('DELETE FROM user_scores WHERE project = $1 AND user_key = $2', [project, key]);
      await c.query('DELETE FROM score_days WHERE project = $1 AND user_key = $2', [project, key]);
      await c.query('DELETE FROM lifecycle_history WHERE project = $1 AND user_key = $2', [project, key]);
      await c.query('DELETE FROM segment_members WHERE project = $1 AND user_key = $2', [project, key]);
    },
    async addLink(project, alias, target) {
      const r = await c.query(
        'INSERT INTO links (project, alias_key, user_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [project, alias, target],
      );
      return r.rowCount === 1;
    },
    async reassign(project, from, to) {
      await c.query('UPDATE links SET user_key = $1 WHERE project = $2 AND user_key = $3', [to, project, from]);
      await c.query('UPDATE events SET user_key = $1 WHERE project = $2 AND user_key = $3', [to, project, from]);
      await c.query(
        `INSERT INTO memberships (project, group_id, user_key) SELECT project, group_id, $1 FROM memberships
         WHERE project = $2 AND user_key = $3 ON CONFLICT DO NOTHING`,
        [to, project, from],
      );
      await c.query('DELETE FROM memberships WHERE project = $1 AND user_key = $2', [project, from]);
    },
    async addMemberships(project, rows) {
      if (rows.length === 0) return;
      await c.query(
        `INSERT INTO memberships (project, group_id, user_key) SELECT $1, * FROM unnest($2::text[], $3::text[])
         ON CONFLICT DO NOTHING`,
        [project, rows.map((r) => r.groupId), rows.map((r) => r.userKey)],
      );
      const traits = rows.filter((r) => r.traits !== undefined);
      for (const r of traits) {
        await c.query(
          `INSERT INTO accounts (project, group_id, traits) VALUES ($1, $2, $3)
           ON CONFLICT (project, group_id) DO UPDATE SET traits = (accounts.traits::jsonb || excluded.traits::jsonb)::text`,
          [project, r.groupId, JSON.stringify(r.traits)],
        );
      }
    },
    async userEvents(project, key) {
      const r = await c.query<EventDbRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE project = $1 AND user_key = $2 ORDER BY id`,
        [project, key],
      );
      return r.rows.map(eventFromRow);
    },
    async usersEvents(project, keys) {
      const out = new Map<string, StoredEvent[]>(keys.map((k) => [k, []]));
      if (keys.length === 0) return out;
      const r = await c.query<EventDbRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE project = $1 AND user_key = ANY($2::text[]) ORDER BY id`,
        [project, keys],
      );
      for (const row of r.rows) out.get(row.user_key)?.push(eventFromRow(row));
      return out;
    },
    async scoresOnOrBeforeDay(project, scoreId, keys, day) {
      if (keys.length === 0) return new Map();
      const r = await c.query<{ k: string; score: number | null }>(
        `SELECT k, (SELECT score FROM score_days WHERE project = $1 AND score_id = $4 AND user_key = k AND day <= $3
           ORDER BY day DESC LIMIT 1) AS score FROM unnest($2::text[]) AS k`,
        [project, keys, day, scoreId],
      );
      return new Map(r.rows.filter((x) => x.score !== null).map((x) => [x.k, x.score as number]));
    },
    async recordScores(project, rows) {
      if (rows.length === 0) return;
      await c.query(
        `INSERT INTO score_days (project, score_id, user_key, day, model_id, score, band)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[])
         ON CONFLICT (project, score_id, user_key, day) DO UPDATE SET model_id = excluded.model_id,
         score = excluded.score, band = excluded.band`,
        [
          project,
          rows.map((r) => r.scoreId),
          rows.map((r) => r.userKey),
          rows.map((r) => r.day),
          rows.map((r) => r.modelId),
          rows.map((r) => r.score),
          rows.map((r) => r.band),
        ],
      );
    },
    async fillHistory(project, key, rows) {
      if (rows.length === 0) return;
      // One statement: every row is compared with the days stored before it began.
      await c.query(
        `INSERT INTO score_days (project, user_key, score_id, day, model_id, score, band)
         SELECT $1, $2, x.s, x.d, x.m, x.v, x.b FROM unnest($3::text[], $4::int[], $5::text[], $6::int[], $7::text[])
           AS x(s, d, m, v, b)
         WHERE x.d < COALESCE(
           (SELECT MIN(day) FROM score_days WHERE project = $1 AND score_id = x.s AND user_key = $2), 2147483647)`,
        [
          project,
          key,
          rows.map((r) => r.scoreId),
          rows.map((r) => r.day),
          rows.map((r) => r.modelId),
          rows.map((r) => r.score),
          rows.map((r) => r.band),
        ],
      );
    },
    async fillHistories(project, rows) {
      if (rows.length === 0) return;
      await c.query(
        `INSERT INTO score_days (project, user_key, score_id, day, model_id, score, band)
         SELECT $1, x.k, x.s, x.d, x.m, x.v, x.b
         FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[]) AS x(k, s, d, m, v, b)
         WHERE x.d < COALESCE(
           (SELECT MIN(day) FROM score_days WHERE project = $1 AND score_id = x.s AND user_key = x.k), 2147483647)`,
        [
          project,
          rows.map((r) => r.userKey),
          rows.map((r) => r.scoreId),
          rows.map((r) => r.day),
          rows.map((r) => r.modelId),
          rows.map((r) => r.score),
          rows.map((r) => r.band),
        ],
      );
    },
    async recordLifecycle(project, rows) {
      if (rows.length === 0) return;
      await c.query(
        `INSERT INTO lifecycle_history (project, user_key, at, from_model, to_model)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[])`,
        [project, rows.map((r) => r.userKey), rows.map((r) => r.at), rows.map((r) => r.from), rows.map((r) => r.to)],
      );
    },
    async enqueueWebhooks(rows) {
      if (rows.length === 0) return;
      const now = Date.now();
      await c.query(
        `INSERT INTO webhook_outbox (url, payload, project, user_key, next_attempt_at, created_at)
         SELECT u, p, pr, k, $5, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(u, p, pr, k)`,
        [
          rows.map((r) => r.url),
          rows.map((r) => r.payload),
          rows.map((r) => r.project ?? null),
          rows.map((r) => r.userKey ?? null),
          now,
        ],
      );
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The scale-out store: PostgreSQL via `pg`. Several collector processes can share
 * one database: events are deduplicated by a unique index (`ON CONFLICT DO
 * NOTHING`), users are row-locked in key order while their rollups change, and
 * a transaction that hits a deadlock or serialization failure is retried whole.
 *
 * @example
 * const store = createPostgresStore({ url: 'postgres://postgres@127.0.0.1:5432/pulse' });
 * await store.migrate();
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema: must match ${SCHEMA_NAME} (got "${schema}")`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // pg waits forever for a connection by default: an unreachable server would
    // hang every request instead of failing it as unavailable (503 + Retry-After).
    connectionTimeoutMillis: 10_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const tx = createTx(pool);

  async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await checkout(pool);
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (!isRetryable(error) || attempt >= 10) throw error;
        await sleep(Math.random() * 10 * attempt);
      } finally {
        release(client);
      }
    }
  }

  return {
    kind: 'postgres',
    migrate: () => migrate(pool, schema),
    transaction: (fn) => inTransaction((client) => fn(createTx(client))),
    ...postgresAdmin(pool),
    eraseUser: (project, key) => inTransaction((client) => eraseUserRows(client, project, key)),
    async lifecycleHistory(project, key) {
      const r = await pool.query<{ user_key: string; at: string; from_model: string; to_model: string }>(
        `SELECT user_key, at, from_model, to_model FROM lifecycle_history WHERE project = $1 AND user_key = $2
         ORDER BY at, ctid`,
        [project, key],
      );
      return r.rows.map((x) => ({ userKey: x.user_key, at: Number(x.at), from: x.from_model, to: x.to_model }));
    },
    async eventNameCounts(project, since) {
      const r = await pool.query<{ name: string | null; count: string }>(
        `SELECT CASE WHEN type = 'track' THEN body::json->>'event' ELSE '$page' END AS name, COUNT(*) AS count
         FROM events WHERE project = $1 AND at >= $2 AND type IN ('track', 'page', 'screen') GROUP BY 1`,
        [project, since],
      );
      return r.rows.filter((x) => x.name !== null).map((x) => ({ name: x.name as string, count: Number(x.count) }));
    },
    async maxEventId() {
      const r = await pool.query<{ n: string | null }>('SELECT MAX(id) AS n FROM events');
      return Number(r.rows[0]?.n ?? 0);
    },
    async purgeEvents(project, before, afterId, toId) {
      const r = await pool.query('DELETE FROM events WHERE project = $1 AND id > $2 AND id <= $3 AND at < $4', [
        project,
        afterId,
        toId,
        before,
      ]);
      return r.rowCount ?? 0;
    },
    getMeta: (key) => tx.getMeta(key),
    async setMetaIfAbsent(key, value) {
      await pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
      return (await tx.getMeta(key)) as string;
    },
    async getUser(project, key) {
      const r = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE project = $1 AND user_key = $2`, [
        project,
        key,
      ]);
      if (r.rows[0] === undefined) return null;
      const user = userFromRow(r.rows[0]);
      const scores = await pool.query<UserScoreRow>(
        `SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = $1 AND user_key = $2`,
        [project, key],
      );
      attachScores([user], scores.rows);
      return user;
    },
    async scoresOnOrBefore(project, key, scoreId, days) {
      const r = await pool.query<{ d: number; score: number | null }>(
        `SELECT d, (SELECT score FROM score_days WHERE project = $1 AND score_id = $2 AND user_key = $3 AND day <= d
           ORDER BY day DESC LIMIT 1) AS score
         FROM unnest($4::int[]) WITH ORDINALITY AS t(d, i) ORDER BY i`,
        [project, scoreId, key, days],
      );
      return r.rows.map((row) => row.score);
    },
    async scoreHistory(project, key, fromDay, scoreId) {
      const r =
        scoreId === undefined
          ? await pool.query<ScoreDayRow>(
              `SELECT ${DAY_COLUMNS} FROM score_days WHERE project = $1 AND user_key = $2 AND day >= $3
               ORDER BY day, score_id`,
              [project, key, fromDay],
            )
          : await pool.query<ScoreDayRow>(
              `SELECT ${DAY_COLUMNS} FROM score_days WHERE project = $1 AND score_id = $2 AND user_key = $3 AND day >= $4
               ORDER BY day`,
              [project, scoreId, key, fromDay],
            );
      return r.rows.map(scoreRowFromRow);
    },
    async listUserKeys(project, after, limit) {
      const r = await pool.query<{ user_key: string }>(
        'SELECT user_key FROM users WHERE project = $1 AND user_key > $2 ORDER BY user_key LIMIT $3',
        [project, after, limit],
      );
      return r.rows.map((x) => x.user_key);
    },
    async countUsers(project) {
      const r = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM users WHERE project = $1', [project]);
      return Number(r.rows[0]?.n ?? 0);
    },
    async listUsers(project, query) {
      const { text, params } = userListSql('postgres', project, query);
      return (await pool.query<UserListDbRow>(text, params)).rows.map(userListRowFrom);
    },
    async countMatching(project, filters) {
      const { text, params } = userCountSql('postgres', project, filters);
      return Number((await pool.query<{ n: string }>(text, params)).rows[0]?.n ?? 0);
    },
    async accountMembers(project, groupId) {
      const r = await pool.query<AccountDbRow>(
        `SELECT m.group_id, COALESCE(a.traits, '{}') AS group_traits, u.last_seen,
         ${USER_COLUMNS.split(', ')
           .map((c) => `u.${c}`)
           .join(', ')}
       FROM memberships m JOIN users u ON u.project = m.project AND u.user_key = m.user_key
       LEFT JOIN accounts a ON a.project = m.project AND a.group_id = m.group_id
       WHERE m.project = $1 AND ($2::text IS NULL OR m.group_id = $2::text) AND substr(u.user_key, 1, 2) = 'u:'
         AND u.score IS NOT NULL ORDER BY m.group_id, u.user_key`,
        [project, groupId ?? null],
      );
      return r.rows.map(accountMemberFrom);
    },
    async userSegments(project, key) {
      const r = await pool.query<{ segment_id: string }>(
        'SELECT segment_id FROM segment_members WHERE project = $1 AND user_key = $2 ORDER BY segment_id',
        [project, key],
      );
      return r.rows.map((x) => x.segment_id);
    },
    async groupsOf(project, key) {
      const r = await pool.query<{ group_id: string }>(
        'SELECT group_id FROM memberships WHERE project = $1 AND user_key = $2 ORDER BY group_id',
        [project, key],
      );
      return r.rows.map((x) => x.group_id);
    },
    async groupMembers(project, groupId) {
      const r = await pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE project = $1 AND user_key IN
         (SELECT user_key FROM memberships WHERE project = $1 AND group_id = $2) ORDER BY user_key`,
        [project, groupId],
      );
      const users = r.rows.map(userFromRow);
      const scores = await pool.query<UserScoreRow>(
        `SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = $1 AND user_key IN
         (SELECT user_key FROM memberships WHERE project = $1 AND group_id = $2)`,
        [project, groupId],
      );
      attachScores(users, scores.rows);
      return users;
    },
    async listEvents(project, afterId, limit) {
      const r = await pool.query<EventDbRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE project = $1 AND id > $2 ORDER BY id LIMIT $3`,
        [project, afterId, limit],
      );
      return r.rows.map(eventFromRow);
    },
    async claimWebhooks(now, limit, leaseMs) {
      const r = await pool.query<{ id: string; url: string; payload: string; attempts: number }>(
        `UPDATE webhook_outbox SET next_attempt_at = $1 WHERE id IN (
           SELECT id FROM webhook_outbox WHERE failed_at IS NULL AND next_attempt_at <= $2 ORDER BY id LIMIT $3
           FOR UPDATE SKIP LOCKED
         ) RETURNING id, url, payload, attempts`,
        [now + leaseMs, now, limit],
      );
      return r.rows.map((row): OutboxRow => ({ ...row, id: Number(row.id) }));
    },
    async completeWebhook(id) {
      await pool.query('DELETE FROM webhook_outbox WHERE id = $1', [id]);
    },
    async failWebhook(id, nextAt, error) {
      if (nextAt === null) {
        await pool.query(
          'UPDATE webhook_outbox SET attempts = attempts + 1, failed_at = $1, last_error = $2 WHERE id = $3',
          [Date.now(), error, id],
        );
      } else {
        await pool.query(
          'UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3',
          [nextAt, error, id],
        );
      }
    },
    async close() {
      await pool.end();
    },
  };
}
