import { randomBytes } from 'node:crypto';
import { addEvent, createRollup, score, utcDay, type PulseConfig, type ScoringModel } from '@pulse/core';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support.js';
import { createCollector } from '../create-collector.js';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, type Migration } from './migrations.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

// A database written before several scores (schema version 2): one score per
// user in `users` and its daily rows in `score_history`. Migration 3 must keep
// both under the score a single-score config calls `engagement`.

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TODAY = utcDay(NOW);
const model: ScoringModel = {
  id: 'm',
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight: 10 }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'high', min: 50 },
  ],
};
const config: PulseConfig = { models: [model] };

/** Plain SQL with `?` placeholders, run by the dialect's driver. */
type Exec = (sql: string, params?: unknown[]) => Promise<void>;

function eventRows(userId: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const at = NOW - (i + 1) * DAY;
    const messageId = `${userId}-${i}`;
    const body = { type: 'track', event: 'Project Created', userId, messageId, timestamp: new Date(at).toISOString() };
    return { messageId, at, body: JSON.stringify(body) };
  });
}

/** Writes schema version 2 and two users as the collector of that version stored them. */
async function writeVersion2(exec: Exec, migrations: Migration[]): Promise<void> {
  await exec('CREATE TABLE pulse_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const m of migrations.filter((x) => x.version <= 2)) {
    for (const sql of m.statements) await exec(sql);
    await exec('INSERT INTO pulse_migrations (version, applied_at) VALUES (?, ?)', [m.version, 1]);
  }
  await exec("INSERT INTO meta (key, value) VALUES ('config', ?), ('config_version', '1')", [JSON.stringify(config)]);
  for (const [userId, projects] of [
    ['ada', 6],
    ['bo', 2],
  ] as const) {
    const rows = eventRows(userId, projects);
    const rollup = createRollup(model.id);
    for (const r of rows) addEvent(rollup, { type: 'track', event: 'Project Created', timestamp: r.at }, model);
    const s = score(rollup, model, NOW);
    for (const r of rows) {
      await exec(
        `INSERT INTO events (project, message_id, user_key, type, at, received_at, body) VALUES ('default', ?, ?, 'track', ?, ?, ?)`,
        [r.messageId, `u:${userId}`, r.at, r.at, r.body],
      );
    }
    await exec(
      `INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, updated_at)
       VALUES ('default', ?, '{}', ?, ?, ?, ?, 'm', 0)`,
      [`u:${userId}`, JSON.stringify({ m: rollup }), s.score, s.band, TODAY],
    );
    // Ten days ago the user stood 20 points lower.
    await exec(`INSERT INTO score_history (project, user_key, day, score, band) VALUES ('default', ?, ?, ?, 'low')`, [
      `u:${userId}`,
      TODAY - 10,
      s.score - 20,
    ]);
    await exec(`INSERT INTO score_history (project, user_key, day, score, band) VALUES ('default', ?, ?, ?, ?)`, [
      `u:${userId}`,
      TODAY,
      s.score,
      s.band,
    ]);
  }
}

interface Dialect {
  name: string;
  /** A version-2 database and a store on it. */
  prepare(): Promise<Store>;
  cleanup(): Promise<void>;
}

function sqlite(): Dialect {
  const paths: (() => void)[] = [];
  return {
    name: 'sqlite',
    async prepare() {
      const { path, cleanup } = tempDbPath();
      paths.push(cleanup);
      const db = new Database(path);
      await writeVersion2(async (sql, params = []) => void db.prepare(sql).run(...params), SQLITE_MIGRATIONS);
      db.close();
      return createSqliteStore(path);
    },
    async cleanup() {
      for (const c of paths.splice(0)) c();
    },
  };
}

function postgres(url: string): Dialect {
  const schemas: string[] = [];
  const client = async (schema?: string) => {
    const c = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    await c.connect();
    return c;
  };
  return {
    name: 'postgres',
    async prepare() {
      const schema = `pulse_test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      const admin = await client();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.end();
      const c = await client(schema);
      await writeVersion2(async (sql, params = []) => {
        let i = 0;
        await c.query(
          sql.replace(/\?/g, () => `$${++i}`),
          params,
        );
      }, POSTGRES_MIGRATIONS);
      await c.end();
      return createPostgresStore({ url, schema, poolSize: 4 });
    },
    async cleanup() {
      const admin = await client();
      for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await admin.end();
    },
  };
}

const PG_URL = process.env.PULSE_TEST_POSTGRES;
const dialects = [sqlite(), ...(PG_URL ? [postgres(PG_URL)] : [])];

for (const d of dialects) {
  describe(`${d.name}: upgrading a version-2 database to several scores (migration 3)`, () => {
    afterAll(() => d.cleanup());

    it('keeps every user’s score and daily history as the engagement score', async () => {
      const store = await d.prepare();
      await store.migrate();
      const ada = await store.getUser('default', 'u:ada');
      expect(ada?.scores).toEqual({ engagement: { modelId: 'm', score: 60, band: 'high', scoreDay: TODAY } });
      expect(await store.scoreHistory('default', 'u:ada', 0)).toEqual([
        { userKey: 'u:ada', scoreId: 'engagement', day: TODAY - 10, modelId: 'm', score: 40, band: 'low' },
        { userKey: 'u:ada', scoreId: 'engagement', day: TODAY, modelId: 'm', score: 60, band: 'high' },
      ]);
      expect(await store.scoresOnOrBefore('default', 'u:bo', 'engagement', [TODAY - 7])).toEqual([0]);
      await store.close();
    });

    it('serves the same state and trend, and a full rescore changes no score', async () => {
      const c = await createCollector({
        store: await d.prepare(),
        ownStore: true,
        writeKey: 'pk_test',
        secretKey: 'sk_test',
        background: false,
        now: () => NOW,
      });
      const state = async (id: string) =>
        (await c.app.inject({ url: `/v1/users/${id}/state`, headers: { authorization: 'Bearer sk_test' } })).json();
      const before = await state('ada');
      expect(before).toMatchObject({ scoreId: 'engagement', score: 60, band: 'high', trend: { score7dAgo: 40 } });
      expect(before.scores.engagement).toMatchObject({ score: 60, band: 'high', modelId: 'm' });
      const rescored = await c.rescore();
      expect(rescored).toMatchObject({ users: 2, events: 8 });
      expect(await state('ada')).toEqual(before);
      expect((await c.store.getUser('default', 'u:bo'))?.scores.engagement).toMatchObject({ score: 20, band: 'low' });
      expect(await c.store.scoreHistory('default', 'u:bo', 0, 'engagement')).toHaveLength(2);
      await c.close();
    });
  });
}
