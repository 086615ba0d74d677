// Event-log workers into PostgreSQL (issue 20), one run:
//  1. `pulse serve --log` (3-node JetStream, R3, 16 partitions) takes a backlog of
//     --events events in batches of 100;
//  2. 1, 2 and 4 worker processes drain that same backlog, each time into a fresh
//     PostgreSQL schema: events/s and the workers' CPU ms per event (PostgreSQL's
//     own CPU is not counted: its backends come and go, and other jobs share it);
//  3. end-to-end lag at half (a quarter, a tenth) of the peak: requests paced at that share of
//     the 1-worker drain rate into another log with one worker; each request's lag runs from its send
//     until the database has applied every offset of its position token
//     (polled every 20 ms).
//
//   PULSE_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/test node bench/collector/log-workers.mjs [--events 150000] [--lag-seconds 15]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bundleSources } from './bundle-sources.mjs';
import { children, startChild, startCluster, waitForLog } from './nats-bench.mjs';

const root = join(import.meta.dirname, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 150_000);
const LAG_SECONDS = arg('lag-seconds', 15);
const BATCH = 100;
const FRACTIONS = [0.5, 0.25, 0.1];
const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
const PG = process.env.PULSE_BENCH_POSTGRES ?? process.env.PULSE_TEST_POSTGRES;
if (!PG) throw new Error('set PULSE_BENCH_POSTGRES=postgres://… (the workers write there)');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const say = (line) => console.error(`[log-workers] ${line}`);

let sequence = 0;
function batchBody(writeKey) {
  const now = Date.now();
  const id = `${process.pid}-${++sequence}`;
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: 'track',
    event: ['Project Created', 'Core Feature Used', 'Teammate Invited'][i % 3],
    userId: `user-${(sequence * 7 + i) % 2000}`,
    messageId: `${id}-${i}`,
    timestamp: new Date(now - i * 1000).toISOString(),
    properties: { minutes: i % 30 },
  }));
  return JSON.stringify({ writeKey, sentAt: new Date(now).toISOString(), batch });
}

async function post(server) {
  const sentAt = performance.now();
  const res = await fetch(`http://127.0.0.1:${server.port}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: batchBody(server.writeKey),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body)}`);
  return { sentAt, answeredAt: performance.now(), position: body.position };
}

async function behind(lib, store, heads) {
  let n = 0;
  for (let p = 0; p < heads.length; p++) n += heads[p] - (await lib.readApplied(store, p)).offset;
  return n;
}

async function lagRun(lib, bundle, servers, eventsPerSecond, fraction, schemas) {
  const prefix = `LBENCH${Math.round(fraction * 100)}`;
  const rate = eventsPerSecond / BATCH; // requests per second
  const schema = `bench_lag${Math.round(fraction * 100)}_${process.pid}`;
  schemas.push(schema);
  const store = lib.openStore(PG, { schema });
  await store.migrate();
  await lib.loadConfig(store, undefined);
  await waitForLog(lib, servers, prefix, 16);
  const lagServe = await startChild('log-server.mjs', [bundle, servers, prefix], root);
  const worker = await startChild('log-worker.mjs', [bundle, servers, prefix, PG, schema], root);
  await sleep(3000); // the worker takes its leases before the first request is due
  const applied = new Array(16).fill(0);
  const pending = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      for (let p = 0; p < 16; p++) applied[p] = (await lib.readApplied(store, p)).offset;
      const now = performance.now();
      for (const r of pending) {
        if (r.doneAt === undefined && r.want.every(([p, o]) => applied[p] >= o)) r.doneAt = now;
      }
      await sleep(20);
    }
  })();
  const requests = [];
  const l0 = performance.now();
  const total = Math.round(rate * LAG_SECONDS);
  for (let i = 0; i < total; i++) {
    const due = l0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    requests.push(
      post(lagServe).then((r) => {
        const entry = { ...r, sentAt: due, want: r.position.split(',').map((x) => x.split(':').map(Number)) };
        pending.push(entry);
        return entry;
      }),
    );
  }
  const answered = await Promise.all(requests);
  const deadline = performance.now() + 120_000;
  while (answered.some((r) => r.doneAt === undefined) && performance.now() < deadline) await sleep(50);
  polling = false;
  await poller;
  await worker.stop();
  await lagServe.stop();
  await store.close();
  const lags = answered.filter((r) => r.doneAt !== undefined).map((r) => r.doneAt - r.sentAt);
  const acks = answered.map((r) => r.answeredAt - r.sentAt);
  lags.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);

  return {
    fraction,
    eventsPerSecond: rate * BATCH,
    requests: answered.length,
    p50: pct(lags, 50),
    p99: pct(lags, 99),
    max: lags.at(-1),
    late: answered.length - lags.length,
    ackP50: pct(acks, 50),
    ackP99: pct(acks, 99),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-workers-'));
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
const schemas = [];
try {
  const servers = await startCluster(dir);
  const bundle = await bundleSources('collector-log-workers', [
    ['createCollector', 'create-collector.ts'],
    ['openJetStreamLog', 'log/jetstream-log.ts'],
    ['createWorker', 'worker/create-worker.ts'],
    ['loadConfig', 'config/config-holder.ts'],
    ['openStore', 'store/open-store.ts'],
    ['readApplied', 'log/applied-offsets.ts'],
  ]);
  const lib = await import(bundle);
  await waitForLog(lib, servers, 'WBENCH', 16);

  // 1. The backlog, through the real request path.
  const serve = await startChild('log-server.mjs', [bundle, servers, 'WBENCH'], root);
  const f0 = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < EVENTS) {
        sent += BATCH;
        await post(serve);
      }
    }),
  );
  const fillSeconds = (performance.now() - f0) / 1000;
  await serve.stop();
  const log = await lib.openJetStreamLog({ servers, prefix: 'WBENCH' });
  const heads = await log.heads();
  await log.close();
  const backlog = heads.reduce((a, b) => a + b, 0);
  say(`backlog: ${fmt(sent)} events in ${fmt(backlog)} log messages, published in ${fillSeconds.toFixed(1)} s`);

  // 2. 1, 2, 4 workers drain the same backlog into fresh schemas.
  const drains = [];
  for (const n of [1, 2, 4]) {
    const schema = `bench_w${n}_${process.pid}`;
    schemas.push(schema);
    const store = lib.openStore(PG, { schema });
    await store.migrate();
    await lib.loadConfig(store, undefined);
    const t0 = performance.now();
    const workers = await Promise.all(
      Array.from({ length: n }, () => startChild('log-worker.mjs', [bundle, servers, 'WBENCH', PG, schema], root)),
    );
    // Each worker's CPU from when it runs (its start-up, loading modules, is not per event).
    const cpu0 = await Promise.all(workers.map((w) => w.cpu()));
    while ((await behind(lib, store, heads)) > 0) await sleep(100);
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = await Promise.all(workers.map((w) => w.cpu()));
    const workerCpu = cpu1.reduce((a, b, i) => a + b - cpu0[i], 0);
    for (const w of workers) await w.stop();
    const stored = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
    await store.close();
    const row = {
      workers: n,
      events: stored.rows[0].n,
      seconds,
      eventsPerSecond: stored.rows[0].n / seconds,
      workerCpuMsPerEvent: workerCpu / 1000 / stored.rows[0].n,
    };
    drains.push(row);
    say(`${n} worker(s): ${fmt(row.eventsPerSecond)} events/s`);
  }

  // 3. Lag at a fraction of the 1-worker peak (half, a quarter, a tenth), each into its own log and schema.
  const lagRuns = [];
  for (const fraction of FRACTIONS) {
    lagRuns.push(await lagRun(lib, bundle, servers, drains[0].eventsPerSecond * fraction, fraction, schemas));
  }

  console.log(`Workers into PostgreSQL: ${fmt(sent)} events (batches of ${BATCH}, 3-node JetStream R3, 16 partitions)`);
  console.log('workers  events/s  wall s  worker CPU ms/event');
  for (const d of drains)
    console.log(
      `${String(d.workers).padStart(7)} ${fmt(d.eventsPerSecond).padStart(9)} ${d.seconds.toFixed(1).padStart(7)} ${d.workerCpuMsPerEvent.toFixed(3).padStart(20)}`,
    );
  for (const r of lagRuns) {
    console.log(
      `End-to-end lag at ${r.fraction} of the 1-worker peak (${fmt(r.eventsPerSecond)} events/s, ${r.requests} requests over ${LAG_SECONDS} s, one worker): ` +
        `p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms (${r.late} not applied within 120 s); ` +
        `ingest answer p50 ${r.ackP50.toFixed(0)} ms, p99 ${r.ackP99.toFixed(0)} ms`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGKILL');
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
