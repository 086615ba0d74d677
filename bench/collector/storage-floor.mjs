// The SQLite storage floor of one ingest request: only the SQL a request of 100
// events from 10 users needs, with the collector's pragmas and group commit, and
// the collector's checkpointer on another thread. No HTTP, no validation,
// no scoring: what is left of a request's time once everything in JavaScript is free.
//
//   node bench/collector/storage-floor.mjs [--requests 3000]
//
// Two layouts: `events`, the collector's (a row per event, unique on
// (project, message_id), indexed by user), and `batches`, the alternative of a row
// per request plus a slim (project, message_id) dedupe table and a row per user and
// request. Both upsert the 10 users' rollups. Prints wall time per request on the
// writing thread (the commit's fsync included) for groups of 8 and 32 requests per
// commit. docs/collector.md ("Performance") compares it with the 40% target.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bundleSources } from './bundle-sources.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const REQUESTS = arg('requests', 3000);
// The collector's own checkpointer (a worker thread, at most every 25 ms after a commit).
const { startCheckpointer } = await import(
  await bundleSources('collector-checkpointer', [['startCheckpointer', 'store/checkpointer.ts']])
);
const EVENTS = 100;
const USERS = 10;

const SCHEMAS = {
  events: [
    `CREATE TABLE events (id INTEGER PRIMARY KEY, project TEXT NOT NULL, message_id TEXT NOT NULL,
      user_key TEXT NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL,
      body TEXT NOT NULL, UNIQUE (project, message_id))`,
    'CREATE INDEX events_user ON events (project, user_key, id)',
  ],
  batches: [
    'CREATE TABLE batches (id INTEGER PRIMARY KEY, project TEXT NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL)',
    `CREATE TABLE event_ids (project TEXT NOT NULL, message_id TEXT NOT NULL, batch_id INTEGER NOT NULL,
      PRIMARY KEY (project, message_id)) WITHOUT ROWID`,
    `CREATE TABLE batch_users (project TEXT NOT NULL, user_key TEXT NOT NULL, batch_id INTEGER NOT NULL,
      PRIMARY KEY (project, user_key, batch_id)) WITHOUT ROWID`,
  ],
};

const rows = (n, columns) => Array.from({ length: n }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

// A rollup the size of a user's with a dozen signals over ten days.
const ROLLUP = JSON.stringify({
  v: 1,
  signals: Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      `s${i}`,
      Object.fromEntries(Array.from({ length: 10 }, (_, d) => [20400 + d, [3, 0]])),
    ]),
  ),
});

// 200 request templates of 100 events from 10 users, as the ingest benchmark sends.
const TEMPLATES = Array.from({ length: 200 }, (_, r) =>
  Array.from({ length: EVENTS }, (_, i) => {
    const user = `user-${(r * USERS + (i % USERS)) % 1000}`;
    const json = JSON.stringify({
      type: 'track',
      event: 'Core Feature Used',
      userId: user,
      anonymousId: `anon-${user}`,
      messageId: `m-${r}-${i}`,
      timestamp: new Date().toISOString(),
      properties: { minutes: i % 30, plan: 'pro' },
      context: {
        library: { name: 'bench', version: '1' },
        page: { path: '/projects', url: 'https://app.example.com/projects' },
      },
    });
    return { user, json };
  }),
);

function open(file, layout) {
  const db = new Database(file);
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE users (project TEXT NOT NULL, user_key TEXT NOT NULL, traits TEXT NOT NULL,
    rollups TEXT NOT NULL, score INTEGER, band TEXT, PRIMARY KEY (project, user_key))`);
  for (const statement of SCHEMAS[layout]) db.exec(statement);
  return db;
}

function writer(db, layout) {
  const getUser = db.prepare('SELECT traits, rollups, score, band FROM users WHERE project = ? AND user_key = ?');
  const saveUser = db.prepare(
    `INSERT INTO users (project, user_key, traits, rollups, score, band) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (project, user_key) DO UPDATE SET traits = excluded.traits, rollups = excluded.rollups,
     score = excluded.score, band = excluded.band`,
  );
  const saveUsers = (events) => {
    for (let u = 0; u < USERS; u++) {
      getUser.get('default', events[u].user);
      saveUser.run('default', events[u].user, '{}', ROLLUP, 50, 'medium');
    }
  };
  if (layout === 'events') {
    const insert = db.prepare(
      `INSERT INTO events (project, message_id, user_key, type, at, received_at, body) VALUES ${rows(EVENTS, 7)}
       ON CONFLICT (project, message_id) DO NOTHING RETURNING message_id`,
    );
    return (n, events) => {
      const now = Date.now();
      const params = [];
      events.forEach((e, i) => params.push('default', `${n}-${i}`, e.user, 'track', now, now, e.json));
      const inserted = insert.all(...params).length;
      saveUsers(events);
      return inserted;
    };
  }
  const batch = db.prepare('INSERT INTO batches (project, received_at, body) VALUES (?, ?, ?)');
  const ids = db.prepare(
    `INSERT INTO event_ids (project, message_id, batch_id) VALUES ${rows(EVENTS, 3)} ON CONFLICT DO NOTHING RETURNING message_id`,
  );
  const users = db.prepare(
    `INSERT INTO batch_users (project, user_key, batch_id) VALUES ${rows(USERS, 3)} ON CONFLICT DO NOTHING`,
  );
  return (n, events) => {
    const { lastInsertRowid: id } = batch.run('default', Date.now(), `[${events.map((e) => e.json).join(',')}]`);
    const params = [];
    events.forEach((_, i) => params.push('default', `${n}-${i}`, id));
    const inserted = ids.all(...params).length;
    const userParams = [];
    for (let u = 0; u < USERS; u++) userParams.push('default', events[u].user, id);
    users.run(...userParams);
    saveUsers(events);
    return inserted;
  };
}

async function measure(layout, group) {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-storage-floor-'));
  const file = join(dir, 'pulse.db');
  const db = open(file, layout);
  const checkpointer = startCheckpointer(file, 25);
  const write = writer(db, layout);
  const savepoint = db.prepare('SAVEPOINT unit');
  const release = db.prepare('RELEASE unit');
  const run = (first, count) => {
    for (let n = first; n < first + count;) {
      db.exec('BEGIN IMMEDIATE');
      for (let g = 0; g < group && n < first + count; g++, n++) {
        savepoint.run();
        if (write(n, TEMPLATES[n % TEMPLATES.length]) !== EVENTS)
          throw new Error('a new event was taken for a duplicate');
        release.run();
      }
      db.exec('COMMIT');
      checkpointer.wrote();
    }
  };
  run(1_000_000, 500); // warm-up: tables of some size, statements and caches hot
  const started = performance.now();
  run(0, REQUESTS);
  const ms = (performance.now() - started) / REQUESTS;
  await checkpointer.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    layout,
    group,
    msPerRequest: Math.round(ms * 1000) / 1000,
    eventsPerSecond: Math.round((EVENTS * 1000) / ms),
  };
}

const results = [];
for (const group of [8, 32]) for (const layout of ['events', 'batches']) results.push(await measure(layout, group));
console.log(`SQLite storage alone, ${REQUESTS} requests of ${EVENTS} events from ${USERS} users\n`);
console.log('| layout | requests per commit | ms per request | events/s if storage were all |');
console.log('|---|--:|--:|--:|');
for (const r of results) {
  console.log(`| ${r.layout} | ${r.group} | ${r.msPerRequest} | ${r.eventsPerSecond.toLocaleString('en-US')} |`);
}
