import Database from 'better-sqlite3';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support.js';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { pendingMigrations, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, type Migration } from './migrations.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';

const m = (version: number): Migration => ({ version, statements: [] });

describe('pendingMigrations', () => {
  it('runs a lower version missing under a higher one that was applied', () => {
    expect(pendingMigrations([m(1), m(2), m(5), m(3), m(4)], new Set([1, 2, 5])).map((x) => x.version)).toEqual([3, 4]);
  });

  it('runs every missing version lowest first, whatever the list order', () => {
    expect(pendingMigrations([m(5), m(1), m(3)], new Set()).map((x) => x.version)).toEqual([1, 3, 5]);
  });
});

const OLD_VERSION = 7;
const before5 = (all: Migration[]) => all.filter((x) => x.version < 5);

describe('upgrading to config versions (migration 5)', () => {
  it('makes the stored config version 1 of a SQLite database', async () => {
    const { path, cleanup } = tempDbPath();
    const db = new Database(path);
    db.exec('CREATE TABLE pulse_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const x of before5(SQLITE_MIGRATIONS)) {
      for (const sql of x.statements) db.exec(sql);
      db.prepare('INSERT INTO pulse_migrations VALUES (?, 0)').run(x.version);
    }
    db.prepare("INSERT INTO meta VALUES ('config', ?), ('config_version', ?)").run(
      JSON.stringify(SAAS_CONFIG),
      String(OLD_VERSION),
    );
    db.close();
    const store = createSqliteStore(path);
    try {
      await store.migrate();
      const v1 = await store.getConfigVersion(1);
      expect([v1?.config, v1?.diff, await store.getMeta('config_version')]).toEqual([
        JSON.stringify(SAAS_CONFIG),
        '[]',
        '1',
      ]);
      expect(Math.abs(Date.now() - v1!.at)).toBeLessThan(60_000);
    } finally {
      await store.close();
      cleanup();
    }
  });

  const url = process.env.PULSE_TEST_POSTGRES;
  const schema = `pulse_test_${randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    if (url === undefined || url === '') return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('makes the stored config version 1 of a PostgreSQL database', async () => {
    if (url === undefined || url === '') {
      console.log('PostgreSQL upgrade test not run: set PULSE_TEST_POSTGRES=postgres://… to run it');
      return;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path = "${schema}"`);
    await client.query('CREATE TABLE pulse_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    for (const x of before5(POSTGRES_MIGRATIONS)) {
      for (const sql of x.statements) await client.query(sql);
      await client.query('INSERT INTO pulse_migrations VALUES ($1, 0)', [x.version]);
    }
    await client.query("INSERT INTO meta VALUES ('config', $1), ('config_version', $2)", [
      JSON.stringify(SAAS_CONFIG),
      String(OLD_VERSION),
    ]);
    await client.end();
    const store = createPostgresStore({ url, schema, poolSize: 2 });
    try {
      await store.migrate();
      const v1 = await store.getConfigVersion(1);
      expect([v1?.config, await store.getMeta('config_version')]).toEqual([JSON.stringify(SAAS_CONFIG), '1']);
      expect(Math.abs(Date.now() - v1!.at)).toBeLessThan(60_000);
    } finally {
      await store.close();
    }
  });
});
