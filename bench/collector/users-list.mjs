// Users-list benchmark: GET /v1/admin/users with two filters and a sort over a
// population of 1,000,000 scored users, on SQLite (and PostgreSQL with --pg <url>).
// The users are written straight into a migrated database (the list reads only the
// columns and side tables migration 4 adds); the collector then answers in process
// (app.inject), so the figure is the server's time, HTTP parsing included.
//
//   node bench/collector/users-list.mjs [--users 1000000] [--runs 40] [--pg postgres://…]
//
// Runs the built collector (packages/collector/dist): `npm run build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createCollector, createPostgresStore, createSqliteStore } from '../../packages/collector/dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const USERS = Number(arg('users', 1_000_000));
const RUNS = Number(arg('runs', 40));
const PG = arg('pg', undefined);
const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const CONFIG = {
  models: [
    {
      id: 'saas',
      windowDays: 30,
      signals: [{ id: 'p', event: 'Project Created', weight: 1 }],
      scale: { maxPoints: 10 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'medium', min: 40 },
        { id: 'high', min: 70 },
      ],
    },
  ],
};
const QUERIES = [
  'band=low&trait.plan=trial&sort=score&order=desc&limit=50',
  'minScore=40&seenAfter=-7d&sort=lastSeen&order=desc&limit=50',
  'band=medium,high&trait.plan=pro&sort=scoreChange7d&order=asc&limit=50',
];
const log = (line) => console.error(`[users-list] ${line}`);

/** Deterministic user i: score, last seen, change, plan. */
function user(i) {
  const score = (i * 7919) % 101;
  const band = score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
  const plan = ['trial', 'pro', 'team'][i % 3];
  return {
    key: `u:user-${String(i).padStart(7, '0')}`,
    score,
    band,
    lastSeen: NOW - ((i * 104729) % (60 * DAY)),
    ago: (i * 31) % 101,
    traits: JSON.stringify({ plan }),
  };
}

const session = (store) =>
  createCollector({
    store,
    ownStore: true,
    writeKey: 'pk',
    secretKey: 'sk',
    background: false,
    config: CONFIG,
    now: () => NOW,
  });

async function fillSqlite(path) {
  const db = new Database(path);
  const insert = db.prepare(
    `INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, last_seen, milestones,
       score_7d_ago, score_change_7d) VALUES ('default', ?, ?, '{}', ?, ?, ?, 'saas', ?, '[]', ?, ?)`,
  );
  const chunk = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const u = user(i);
      insert.run(u.key, u.traits, u.score, u.band, Math.floor(NOW / DAY), u.lastSeen, u.ago, u.score - u.ago);
    }
  });
  for (let i = 0; i < USERS; i += 50_000) chunk(i, Math.min(USERS, i + 50_000));
  db.exec('ANALYZE');
  db.close();
}

async function fillPostgres(url, schema) {
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  await c.query(
    `INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, last_seen, milestones,
       score_7d_ago, score_change_7d)
     SELECT 'default', 'u:user-' || lpad(i::text, 7, '0'), json_build_object('plan', (ARRAY['trial','pro','team'])[i % 3 + 1])::text,
       '{}', s, CASE WHEN s >= 70 THEN 'high' WHEN s >= 40 THEN 'medium' ELSE 'low' END, $2::int, 'saas',
       $1::bigint - ((i::bigint * 104729) % (60::bigint * 86400000)), '[]', (i::bigint * 31) % 101, s - (i::bigint * 31) % 101
     FROM (SELECT i, ((i::bigint * 7919) % 101)::int AS s FROM generate_series(0, $3::int - 1) AS i) AS g`,
    [NOW, Math.floor(NOW / DAY), USERS],
  );
  await c.query('ANALYZE');
  await c.end();
}

async function measure(name, open) {
  const c = await session(open());
  const out = {};
  for (const q of QUERIES) {
    const times = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const res = await c.app.inject({ url: `/v1/admin/users?${q}`, headers: { authorization: 'Bearer sk' } });
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
      total = res.json().total;
    }
    times.sort((a, b) => a - b);
    const p = (x) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(1);
    out[q] = { p50: p(0.5), p95: p(0.95), total };
    log(`${name} ${q}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (${total} match)`);
  }
  await c.close();
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'pulse-users-list-'));
try {
  const path = join(dir, 'pulse.db');
  await (await session(createSqliteStore(path))).close(); // migrate, store the config and its models hash
  let t = performance.now();
  await fillSqlite(path);
  log(`sqlite: ${USERS} users written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const results = { sqlite: await measure('sqlite', () => createSqliteStore(path)) };
  if (PG !== undefined) {
    const schema = `pulse_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      await (await session(createPostgresStore({ url: PG, schema }))).close();
      t = performance.now();
      await fillPostgres(PG, schema);
      log(`postgres: ${USERS} users written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      results.postgres = await measure('postgres', () => createPostgresStore({ url: PG, schema }));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
  console.log(JSON.stringify({ users: USERS, runs: RUNS, results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
