import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createCollector, type Collector, type CollectorOptions } from '../src/index.js';
import { createPostgresStore } from '../src/store/postgres-store.js';
import { createSqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const PG_URL = process.env.PULSE_TEST_POSTGRES;
let reported = false;

/**
 * A storage backend under test: `open()` gives a fresh, isolated store (a temp
 * SQLite file, or a PostgreSQL schema of its own dropped by `cleanup`).
 */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Store;
  /** Another store on the same database as the last `open()` (a second process). */
  openSibling(): Store;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dirs: string[] = [];
  let last = '';
  return {
    name: 'sqlite',
    open() {
      const dir = mkdtempSync(join(tmpdir(), 'pulse-test-'));
      dirs.push(dir);
      last = join(dir, 'pulse.db');
      return createSqliteStore(last);
    },
    openSibling: () => createSqliteStore(last),
    async cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(url: string): Backend {
  const schemas: string[] = [];
  let last = '';
  return {
    name: 'postgres',
    open() {
      last = `pulse_test_${randomBytes(6).toString('hex')}`;
      schemas.push(last);
      return createPostgresStore({ url, schema: last, poolSize: 4 });
    },
    openSibling: () => createPostgresStore({ url, schema: last, poolSize: 4 }),
    async cleanup() {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/**
 * SQLite always; PostgreSQL when `PULSE_TEST_POSTGRES` is set (else a printed reason).
 */
export function backends(): Backend[] {
  if (PG_URL !== undefined && PG_URL !== '') return [sqliteBackend(), postgresBackend(PG_URL)];
  if (!reported) {
    reported = true;
    console.log('PostgreSQL tests not run: set PULSE_TEST_POSTGRES=postgres://… to run them');
  }
  return [sqliteBackend()];
}

/** A temporary SQLite path (its folder is removed by the returned cleanup). */
export function tempDbPath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-test-'));
  return { path: join(dir, 'pulse.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A collector on a fresh store of the backend, with quiet defaults for tests. */
export async function startCollector(backend: Backend, options: CollectorOptions = {}): Promise<Collector> {
  return createCollector({
    store: backend.open(),
    ownStore: true,
    writeKey: 'pk_test',
    secretKey: 'sk_test',
    rateLimit: false,
    background: false,
    dev: true,
    ...options,
  });
}

/** `Authorization: Basic base64(writeKey + ":")`, as Segment clients send it. */
export function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

let counter = 0;

/** A valid track event with a unique messageId. */
export function trackEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'track',
    event: 'Project Created',
    userId: 'u1',
    messageId: `m-${process.pid}-${counter}-${randomBytes(4).toString('hex')}`,
    timestamp: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** POSTs a JSON batch with the write key as Basic auth. */
export async function postBatch(c: Collector, batch: unknown[], extra: Record<string, unknown> = {}) {
  return c.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(c.writeKey), 'content-type': 'application/json' },
    payload: JSON.stringify({ batch, ...extra }),
  });
}
