import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS, pendingMigrations } from './migrations.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { createGroupCommit } from './group-commit.js';
import { INSERT_VERSION_COLUMNS, versionParams } from './admin-rows.js';
import { sqliteAdmin } from './sqlite-admin.js';
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
import { accountMemberFrom, type AccountDbRow } from './account-rows.js';
import { userCountSql, userListRowFrom, userListSql, type UserListDbRow } from './user-list-sql.js';
import type { ErasedCounts, OutboxRow, Store, StoreTx, UserRecord } from './store.js';
import { membershipTx } from './membership-tx.js';

type Db = Database.Database;
type Statement = Database.Statement;

const USER_COLUMNS =
  'user_key, traits, rollups, score, band, score_day, model_id, score_7d_ago, band_changed_at, band_direction';
const EVENT_COLUMNS = 'id, message_id, user_key, type, at, received_at, body';
const SCORE_COLUMNS = 'user_key, score_id, model_id, score, band, score_day';
const DAY_COLUMNS = 'user_key, score_id, day, model_id, score, band';

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS pulse_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const run = db.transaction(() => {
    const applied = new Set(
      (db.prepare('SELECT version FROM pulse_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    for (const m of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
      for (const sql of m.statements) db.exec(sql);
      db.prepare('INSERT INTO pulse_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
    }
  });
  run.immediate();
}

function prepareAll(db: Db) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    insertMetaIfAbsent: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    findLink: p('SELECT user_key FROM links WHERE project = ? AND alias_key = ?'),
    getUser: p(`SELECT ${USER_COLUMNS} FROM users WHERE project = ? AND user_key = ?`),
    saveUser: p(
      `INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, updated_at,
         last_seen, milestones, score_7d_ago, score_change_7d, band_changed_at, band_direction)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project, user_key) DO UPDATE SET traits = excluded.traits, rollups = excluded.rollups,
       score = excluded.score, band = excluded.band, score_day = excluded.score_day, model_id = excluded.model_id,
       updated_at = excluded.updated_at, last_seen = excluded.last_seen, milestones = excluded.milestones,
       score_7d_ago = excluded.score_7d_ago, score_change_7d = excluded.score_change_7d,
       band_changed_at = excluded.band_changed_at, band_direction = excluded.band_direction`,
    ),
    deleteUser: p('DELETE FROM users WHERE project = ? AND user_key = ?'),
    deleteHistory: p('DELETE FROM score_days WHERE project = ? AND user_key = ?'),
    deleteUserScores: p('DELETE FROM user_scores WHERE project = ? AND user_key = ?'),
    userScores: p(`SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = ? AND user_key = ?`),
    saveUserScore: p(
      `INSERT INTO user_scores (project, user_key, score_id, model_id, score, band, score_day)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project, user_key, score_id) DO UPDATE SET model_id = excluded.model_id,
       score = excluded.score, band = excluded.band, score_day = excluded.score_day`,
    ),
    deleteLifecycle: p('DELETE FROM lifecycle_history WHERE project = ? AND user_key = ?'),
    recordLifecycle: p(
      'INSERT INTO lifecycle_history (project, user_key, at, from_model, to_model) VALUES (?, ?, ?, ?, ?)',
    ),
    aliasesOf: p('SELECT alias_key FROM links WHERE project = ? AND user_key = ?'),
    deleteEvents: p('DELETE FROM events WHERE project = ? AND user_key = ?'),
    deleteLinks: p('DELETE FROM links WHERE project = ? AND (user_key = ? OR alias_key = ?)'),
    deleteWebhooks: p('DELETE FROM webhook_outbox WHERE (project = ? OR project IS NULL) AND user_key = ?'),
    // Rows enqueued before outbox rows named their user: matched by the payload.
    deleteLegacyWebhooks: p(
      "DELETE FROM webhook_outbox WHERE user_key IS NULL AND json_extract(payload, '$.userId') = ?",
    ),
    purge: p('DELETE FROM events WHERE project = ? AND id > ? AND id <= ? AND at < ?'),
    addLink: p('INSERT INTO links (project, alias_key, user_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    moveLinks: p('UPDATE links SET user_key = ? WHERE project = ? AND user_key = ?'),
    moveEvents: p('UPDATE events SET user_key = ? WHERE project = ? AND user_key = ?'),
    copyMemberships: p(
      `INSERT INTO memberships (project, group_id, user_key) SELECT project, group_id, ? FROM memberships
       WHERE project = ? AND user_key = ? ON CONFLICT DO NOTHING`,
    ),
    deleteMemberships: p('DELETE FROM memberships WHERE project = ? AND user_key = ?'),
    deleteSegmentMembers: p('DELETE FROM segment_members WHERE project = ? AND user_key = ?'),
    addMembership: p('INSERT INTO memberships (project, group_id, user_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    mergeAccountTraits: p(
      `INSERT INTO accounts (project, group_id, traits) VALUES (?, ?, ?)
       ON CONFLICT (project, group_id) DO UPDATE SET traits = json_patch(accounts.traits, excluded.traits)`,
    ),
    userEvents: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE project = ? AND user_key = ? ORDER BY id`),
    scoreOnOrBefore: p(
      `SELECT score FROM score_days WHERE project = ? AND score_id = ? AND user_key = ? AND day <= ?
       ORDER BY day DESC LIMIT 1`,
    ),
    minDay: p('SELECT MIN(day) AS d FROM score_days WHERE project = ? AND score_id = ? AND user_key = ?'),
    fillDay: p(
      `INSERT INTO score_days (project, score_id, user_key, day, model_id, score, band)
       SELECT @p, @s, @k, @d, @m, @v, @b WHERE @d < COALESCE(
         (SELECT MIN(day) FROM score_days WHERE project = @p AND score_id = @s AND user_key = @k), 2147483647)`,
    ),
    recordScore: p(
      `INSERT INTO score_days (project, score_id, user_key, day, model_id, score, band) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project, score_id, user_key, day) DO UPDATE SET model_id = excluded.model_id,
       score = excluded.score, band = excluded.band`,
    ),
    enqueue: p(
      `INSERT INTO webhook_outbox (url, payload, project, user_key, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    claim: p(
      `UPDATE webhook_outbox SET next_attempt_at = ? WHERE id IN (
         SELECT id FROM webhook_outbox WHERE failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?
       ) RETURNING id, url, payload, attempts`,
    ),
    complete: p('DELETE FROM webhook_outbox WHERE id = ?'),
    retry: p('UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    giveUp: p('UPDATE webhook_outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?'),
  };
}

function prepareReads(db: Db) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    getUser: p(`SELECT ${USER_COLUMNS} FROM users WHERE project = ? AND user_key = ?`),
    userScores: p(`SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = ? AND user_key = ?`),
    memberScores: p(
      `SELECT ${SCORE_COLUMNS} FROM user_scores WHERE project = ? AND user_key IN
       (SELECT user_key FROM memberships WHERE project = ? AND group_id = ?)`,
    ),
    scoreOnOrBefore: p(
      `SELECT score FROM score_days WHERE project = ? AND score_id = ? AND user_key = ? AND day <= ?
       ORDER BY day DESC LIMIT 1`,
    ),
    history: p(
      `SELECT ${DAY_COLUMNS} FROM score_days WHERE project = ? AND user_key = ? AND day >= ? ORDER BY day, score_id`,
    ),
    scoreHistory: p(
      `SELECT ${DAY_COLUMNS} FROM score_days WHERE project = ? AND score_id = ? AND user_key = ? AND day >= ? ORDER BY day`,
    ),
    listUserKeys: p('SELECT user_key FROM users WHERE project = ? AND user_key > ? ORDER BY user_key LIMIT ?'),
    countUsers: p('SELECT COUNT(*) AS n FROM users WHERE project = ?'),
    groupMembers: p(
      `SELECT ${USER_COLUMNS} FROM users WHERE project = ? AND user_key IN
       (SELECT user_key FROM memberships WHERE project = ? AND group_id = ?) ORDER BY user_key`,
    ),
    accountMembers: p(`SELECT m.group_id, COALESCE(a.traits, '{}') AS group_traits, u.last_seen,
         ${USER_COLUMNS.split(', ')
           .map((c) => `u.${c}`)
           .join(', ')}
       FROM memberships m JOIN users u ON u.project = m.project AND u.user_key = m.user_key
       LEFT JOIN accounts a ON a.project = m.project AND a.group_id = m.group_id
       WHERE m.project = @p AND (@g IS NULL OR m.group_id = @g) AND substr(u.user_key, 1, 2) = 'u:'
         AND u.score IS NOT NULL ORDER BY m.group_id, u.user_key`),
    groupsOf: p('SELECT group_id FROM memberships WHERE project = ? AND user_key = ? ORDER BY group_id'),
    userSegments: p('SELECT segment_id FROM segment_members WHERE project = ? AND user_key = ? ORDER BY segment_id'),
    // `+project`: walk the rowid range from `id`; an index on project would scan (and sort) the whole project every page.
    listEvents: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE +project = ? AND id > ? ORDER BY id LIMIT ?`),
    lifecycle: p(
      `SELECT user_key, at, from_model, to_model FROM lifecycle_history WHERE project = ? AND user_key = ?
       ORDER BY at, rowid`,
    ),
    maxEventId: p('SELECT COALESCE(MAX(id), 0) AS n FROM events'),
    eventNames: p(
      `SELECT CASE WHEN type = 'track' THEN json_extract(body, '$.event') ELSE '$page' END AS name, COUNT(*) AS count
       FROM events WHERE project = ? AND at >= ? AND type IN ('track', 'page', 'screen') GROUP BY 1`,
    ),
  };
}

// Small, frequent checkpoints: each one's fsync of the database file then has
// little to flush, and a commit's WAL fsync that queues behind it on the
// filesystem journal waits less. At half the peak ingest rate the p99 fell from
// 52–62 ms (every 250 ms) to 25–41 ms (every 50 ms) and 16–27 ms (every 25 ms),
// peak throughput unchanged; none is attempted while nothing is written
// (docs/collector.md, "Performance").
const CHECKPOINT_MS = 25;

type Writes = ReturnType<typeof prepareAll> & {
  insertEvents(rows: number): Statement;
  /** A statement by its text, prepared once (the segment and account statements). */
  prepared(text: string): Statement;
  insertDays(rows: number): Statement;
};

function preparedCache(db: Db): (text: string) => Statement {
  const cache = new Map<string, Statement>();
  return (text) => {
    let stmt = cache.get(text);
    if (stmt === undefined) {
      if (cache.size > 500) cache.clear();
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
}

const INSERT_CHUNK = 100;

// One multi-row INSERT per chunk (statements cached by row count) costs far less
// than a statement per row; for events, RETURNING names the rows that were new.
function multiRow(db: Db, head: string, tail: string): (rows: number) => Statement {
  const cache = new Map<number, Statement>();
  return (rows) => {
    let stmt = cache.get(rows);
    if (stmt === undefined) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      stmt = db.prepare(`${head} VALUES ${values} ${tail}`);
      cache.set(rows, stmt);
    }
    return stmt;
  };
}

const insertStatements = (db: Db) =>
  multiRow(
    db,
    'INSERT INTO events (project, message_id, user_key, type, at, received_at, body)',
    'ON CONFLICT (project, message_id) DO NOTHING RETURNING message_id',
  );

const dayStatements = (db: Db) =>
  multiRow(db, 'INSERT INTO score_days (project, score_id, user_key, day, model_id, score, band)', '');

function erase(s: Writes, project: string, key: string): ErasedCounts {
  const keys = [key, ...(s.aliasesOf.all(project, key) as { alias_key: string }[]).map((r) => r.alias_key)];
  const n: ErasedCounts = {
    events: 0,
    identities: 0,
    scoreHistory: 0,
    lifecycle: 0,
    memberships: 0,
    links: 0,
    webhooks: 0,
  };
  for (const k of keys) {
    n.events += s.deleteEvents.run(project, k).changes;
    n.identities += s.deleteUser.run(project, k).changes;
    n.scoreHistory += s.deleteHistory.run(project, k).changes;
    s.deleteUserScores.run(project, k);
    n.lifecycle += s.deleteLifecycle.run(project, k).changes;
    n.memberships += s.deleteMemberships.run(project, k).changes;
    s.deleteSegmentMembers.run(project, k);
    n.links += s.deleteLinks.run(project, k, k).changes;
    n.webhooks += s.deleteWebhooks.run(project, k).changes;
  }
  if (key.startsWith('u:')) n.webhooks += s.deleteLegacyWebhooks.run(key.slice(2)).changes;
  return n;
}

function createTx(db: Db, s: Writes): StoreTx {
  const run = async (text: string, params: unknown[]) => {
    const stmt = s.prepared(text);
    if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
    stmt.run(...params);
    return [];
  };
  return {
    ...membershipTx('sqlite', run, ''),
    async configVersion() {
      const row = s.getMeta.get('config_version') as { value: string } | undefined;
      return row === undefined ? 0 : Number(row.value);
    },
    async insertConfigVersion(row) {
      db.prepare(`INSERT INTO config_versions (${INSERT_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(
        ...versionParams(row),
      );
    },
    async getMeta(key) {
      return (s.getMeta.get(key) as { value: string } | undefined)?.value ?? null;
    },
    async setMeta(key, value) {
      s.setMeta.run(key, value);
    },
    async findLinks(project, keys) {
      const links = new Map<string, string>();
      for (const key of keys) {
        const row = s.findLink.get(project, key) as { user_key: string } | undefined;
        if (row !== undefined) links.set(key, row.user_key);
      }
      return links;
    },
    async insertEvents(project, rows) {
      const inserted = new Set<string>();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        const params: unknown[] = [];
        for (const r of chunk) params.push(project, r.messageId, r.userKey, r.type, r.at, r.receivedAt, r.body);
        for (const row of s.insertEvents(chunk.length).all(...params) as { message_id: string }[]) {
          inserted.add(row.message_id);
        }
      }
      return inserted;
    },
    async lockUsers(project, keys) {
      const users = new Map<string, UserRecord>();
      for (const key of keys) {
        const row = s.getUser.get(project, key) as UserRow | undefined;
        const user = row === undefined ? emptyUser(key) : userFromRow(row);
        if (row !== undefined) attachScores([user], s.userScores.all(project, key) as UserScoreRow[]);
        users.set(key, user);
      }
      return users;
    },
    async saveUsers(project, users) {
      const now = Date.now();
      for (const u of users) {
        const c = listColumns(u);
        s.saveUser.run(
          project,
          u.key,
          JSON.stringify(u.traits),
          JSON.stringify(u.rollups),
          u.score,
          u.band,
          u.scoreDay,
          u.modelId,
          now,
          c.lastSeen,
          c.milestones,
          c.score7dAgo,
          c.scoreChange7d,
          c.bandChangedAt,
          c.bandDirection,
        );
        for (const [id, x] of Object.entries(u.scores)) {
          s.saveUserScore.run(project, u.key, id, x.modelId, x.score, x.band, x.scoreDay);
        }
      }
    },
    async deleteUser(project, key) {
      s.deleteUser.run(project, key);
      s.deleteUserScores.run(project, key);
      s.deleteHistory.run(project, key);
      s.deleteLifecycle.run(project, key);
      s.deleteSegmentMembers.run(project, key);
    },
    async addLink(project, alias, target) {
      return s.addLink.run(project, alias, target).changes === 1;
    },
    async reassign(project, from, to) {
      s.moveLinks.run(to, project, from);
      s.moveEvents.run(to, project, from);
      s.copyMemberships.run(to, project, from);
      s.deleteMemberships.run(project, from);
    },
    async addMemberships(project, rows) {
      for (const r of rows) {
        s.addMembership.run(project, r.groupId, r.userKey);
        if (r.traits !== undefined) s.mergeAccountTraits.run(project, r.groupId, JSON.stringify(r.traits));
      }
    },
    async userEvents(project, key) {
      return (s.userEvents.all(project, key) as EventDbRow[]).map(eventFromRow);
    },
    async usersEvents(project, keys) {
      return new Map(keys.map((k) => [k, (s.userEvents.all(project, k) as EventDbRow[]).map(eventFromRow)]));
    },
    async scoresOnOrBeforeDay(project, scoreId, keys, day) {
      const out = new Map<string, number>();
      for (const key of keys) {
        const row = s.scoreOnOrBefore.get(project, scoreId, key, day) as { score: number } | undefined;
        if (row !== undefined) out.set(key, row.score);
      }
      return out;
    },
    async recordScores(project, rows) {
      for (const r of rows) s.recordScore.run(project, r.scoreId, r.userKey, r.day, r.modelId, r.score, r.band);
    },
    async fillHistory(project, key, rows) {
      // Newest first, so each row only has to come before the earliest day stored so far.
      const sorted = [...rows].sort((a, b) => b.day - a.day);
      for (const r of sorted) {
        s.fillDay.run({ p: project, s: r.scoreId, k: key, d: r.day, m: r.modelId, v: r.score, b: r.band });
      }
    },
    async fillHistories(project, rows) {
      // The earliest day stored per (user, score), looked up once; then multi-row inserts.
      const earliest = new Map<string, number>();
      const fresh: unknown[][] = [];
      for (const r of rows) {
        const id = `${r.userKey}\n${r.scoreId}`;
        let min = earliest.get(id);
        if (min === undefined) {
          const row = s.minDay.get(project, r.scoreId, r.userKey) as { d: number | null };
          min = row.d ?? Number.MAX_SAFE_INTEGER;
          earliest.set(id, min);
        }
        if (r.day < min) fresh.push([project, r.scoreId, r.userKey, r.day, r.modelId, r.score, r.band]);
      }
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
        const chunk = fresh.slice(i, i + INSERT_CHUNK);
        s.insertDays(chunk.length).run(...chunk.flat());
      }
    },
    async recordLifecycle(project, rows) {
      for (const r of rows) s.recordLifecycle.run(project, r.userKey, r.at, r.from, r.to);
    },
    async enqueueWebhooks(rows) {
      const now = Date.now();
      for (const r of rows) s.enqueue.run(r.url, r.payload, r.project ?? null, r.userKey ?? null, now, now);
    },
  };
}

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous = FULL`
 * (a commit is on disk before the 2xx). Writes go through one connection with
 * group commit (see `createGroupCommit`: concurrent batches share one fsync);
 * reads use a second connection, so they never see a batch that is not
 * committed yet.
 *
 * @example
 * const store = createSqliteStore('./data/pulse.db');
 * await store.migrate();
 */
export function createSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // 16 KiB pages (effective only for a new file) hold several events each and
  // cut B-tree work per insert. Checkpoints run in a worker thread; SQLite's own
  // (blocking) checkpoint stays as a safety net for a WAL that grows anyway.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  let writes: Writes | undefined;
  let reader: Db | undefined;
  let reads: ReturnType<typeof prepareReads> | undefined;

  const w = (): Writes =>
    (writes ??= {
      ...prepareAll(db),
      insertEvents: insertStatements(db),
      prepared: preparedCache(db),
      insertDays: dayStatements(db),
    });
  const r = (): ReturnType<typeof prepareReads> => {
    if (reads !== undefined) return reads;
    reader = path === ':memory:' ? db : new Database(path, { readonly: true, fileMustExist: true });
    if (reader !== db) reader.pragma('busy_timeout = 5000');
    reads = prepareReads(reader);
    return reads;
  };

  // The users list's statements, by text (a handful of filter combinations in practice).
  const statements = new Map<string, Statement>();
  const cached = (text: string): Statement => {
    r();
    let stmt = statements.get(text);
    if (stmt === undefined) {
      if (statements.size > 500) statements.clear();
      stmt = (reader as Db).prepare(text);
      statements.set(text, stmt);
    }
    return stmt;
  };

  let checkpointer: Checkpointer | undefined;
  const group = createGroupCommit(
    db,
    () => createTx(db, w()),
    () => checkpointer?.wrote(),
  );
  const serial = <T>(fn: () => Promise<T>): Promise<T> => group.run(() => fn());

  return {
    kind: 'sqlite',
    async migrate() {
      migrate(db);
      if (path !== ':memory:') checkpointer ??= startCheckpointer(path, CHECKPOINT_MS);
    },
    transaction: (fn) => group.run(fn),
    ...sqliteAdmin(
      () => {
        r();
        return reader ?? db;
      },
      db,
      serial,
    ),
    async getMeta(key) {
      return (r().getMeta.get(key) as { value: string } | undefined)?.value ?? null;
    },
    setMetaIfAbsent: (key, value) =>
      serial(async () => {
        w().insertMetaIfAbsent.run(key, value);
        return (w().getMeta.get(key) as { value: string }).value;
      }),
    async getUser(project, key) {
      const row = r().getUser.get(project, key) as UserRow | undefined;
      if (row === undefined) return null;
      const user = userFromRow(row);
      attachScores([user], r().userScores.all(project, key) as UserScoreRow[]);
      return user;
    },
    async scoresOnOrBefore(project, key, scoreId, days) {
      return days.map(
        (day) => (r().scoreOnOrBefore.get(project, scoreId, key, day) as { score: number } | undefined)?.score ?? null,
      );
    },
    async scoreHistory(project, key, fromDay, scoreId) {
      const rows =
        scoreId === undefined
          ? r().history.all(project, key, fromDay)
          : r().scoreHistory.all(project, scoreId, key, fromDay);
      return (rows as ScoreDayRow[]).map(scoreRowFromRow);
    },
    async listUserKeys(project, after, limit) {
      return (r().listUserKeys.all(project, after, limit) as { user_key: string }[]).map((x) => x.user_key);
    },
    async countUsers(project) {
      return (r().countUsers.get(project) as { n: number }).n;
    },
    async listUsers(project, query) {
      const { text, params } = userListSql('sqlite', project, query);
      return (cached(text).all(...params) as UserListDbRow[]).map(userListRowFrom);
    },
    async countMatching(project, filters) {
      const { text, params } = userCountSql('sqlite', project, filters);
      return (cached(text).get(...params) as { n: number }).n;
    },
    async accountMembers(project, groupId) {
      const rows = r().accountMembers.all({ p: project, g: groupId ?? null }) as AccountDbRow[];
      return rows.map(accountMemberFrom);
    },
    async userSegments(project, key) {
      return (r().userSegments.all(project, key) as { segment_id: string }[]).map((x) => x.segment_id);
    },
    async groupsOf(project, key) {
      return (r().groupsOf.all(project, key) as { group_id: string }[]).map((x) => x.group_id);
    },
    async groupMembers(project, groupId) {
      const users = (r().groupMembers.all(project, project, groupId) as UserRow[]).map(userFromRow);
      attachScores(users, r().memberScores.all(project, project, groupId) as UserScoreRow[]);
      return users;
    },
    async listEvents(project, afterId, limit) {
      return (r().listEvents.all(project, afterId, limit) as EventDbRow[]).map(eventFromRow);
    },
    async lifecycleHistory(project, key) {
      const rows = r().lifecycle.all(project, key) as {
        user_key: string;
        at: number;
        from_model: string;
        to_model: string;
      }[];
      return rows.map((x) => ({ userKey: x.user_key, at: x.at, from: x.from_model, to: x.to_model }));
    },
    eraseUser: (project, key) => serial(async () => erase(w(), project, key)),
    async eventNameCounts(project, since) {
      const rows = r().eventNames.all(project, since) as { name: unknown; count: number }[];
      return rows.filter((x) => typeof x.name === 'string').map((x) => ({ name: x.name as string, count: x.count }));
    },
    async maxEventId() {
      return (r().maxEventId.get() as { n: number }).n;
    },
    purgeEvents: (project, before, afterId, toId) =>
      serial(async () => w().purge.run(project, afterId, toId, before).changes),
    claimWebhooks: (now, limit, leaseMs) => serial(async () => w().claim.all(now + leaseMs, now, limit) as OutboxRow[]),
    completeWebhook: (id) =>
      serial(async () => {
        w().complete.run(id);
      }),
    failWebhook: (id, nextAt, error) =>
      serial(async () => {
        if (nextAt === null) w().giveUp.run(Date.now(), error, id);
        else w().retry.run(nextAt, error, id);
      }),
    async close() {
      await group.idle();
      await checkpointer?.stop();
      if (reader !== undefined && reader !== db) reader.close();
      db.close();
    },
  };
}
