// Collector ingest benchmark: events/s for batches of 100 on SQLite and
// PostgreSQL against a bare node:http + JSON.parse ceiling on the same machine,
// p50/p99 at peak (autocannon, closed loop), p99 at half the peak rate and
// state-read p99 (both open loop at an even rate: see paced.mjs).
//
//   node bench/collector/ingest.mjs [--duration 8] [--connections 32]
//   PULSE_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test node bench/collector/ingest.mjs
//
// Targets (issue "collector"): SQLite ≥ 40% of the ceiling in events/s; p99 < 50 ms
// at half the peak; state read p99 < 5 ms.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bundleSources } from './bundle-sources.mjs';
import { paced } from './paced.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const DURATION = arg('duration', 8);
const CONNECTIONS = arg('connections', 32);
const BATCH = 100;
const USERS_PER_BATCH = 10;
const pgUrl = process.env.PULSE_BENCH_POSTGRES ?? process.env.PULSE_TEST_POSTGRES;

const bundleCollector = () => bundleSources('collector');
// The collector's HTTP layer and validation on their own (server.mjs `fastify` / `validate`).
const bundleLayers = () =>
  bundleSources('collector-layers', [
    ['normalizeBody', 'ingest/normalize-body.ts'],
    ['registerBodyParsers', 'http/body-parser.ts'],
    ['SERVER_SIDE', 'auth/identity-proof.ts'],
    ['LIMITS', '../../core/src/protocol.ts'],
  ]);

// Servers still running when the benchmark ends (or fails) are stopped with it.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill();
});

function startServer(kind, bundle) {
  const child = fork(join(here, 'server.mjs'), [kind, bundle ?? '', pgUrl ?? ''], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.once('message', (info) =>
      resolve({
        ...info,
        stop: () => new Promise((r) => (child.send('stop'), child.once('exit', r))),
        cpu: () => new Promise((r) => (child.once('message', (m) => r(m.cpuMicros)), child.send('cpu'))),
      }),
    );
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

// A batch of 100 events from 10 of 1,000 users, as a template split at each
// messageId, so that every request gets unique ids cheaply.
function batchBody(writeKey, seed) {
  const names = ['Project Created', 'Core Feature Used', 'Teammate Invited', 'Session Ended'];
  const now = Date.now();
  const batch = Array.from({ length: BATCH }, (_, i) => {
    const user = `user-${(seed * USERS_PER_BATCH + (i % USERS_PER_BATCH)) % 1000}`;
    const base = {
      userId: user,
      anonymousId: `anon-${user}`,
      messageId: '[<id>]',
      timestamp: new Date(now - i * 60_000).toISOString(),
    };
    const context = {
      library: { name: 'bench', version: '1' },
      page: { path: '/projects', url: 'https://app.example.com/projects' },
    };
    return i % 5 === 4
      ? { ...base, type: 'page', name: 'Projects', properties: { path: '/projects', title: 'Projects' }, context }
      : {
          ...base,
          type: 'track',
          event: names[i % names.length],
          properties: { minutes: i % 30, plan: 'pro' },
          context,
        };
  });
  return JSON.stringify({ writeKey, sentAt: new Date(now).toISOString(), batch }).split('[<id>]');
}

let requestCount = 0;
function withIds(parts) {
  const prefix = `${process.pid}-${++requestCount}`;
  let body = parts[0];
  for (let i = 1; i < parts.length; i++) body += `${prefix}-${i}${parts[i]}`;
  return body;
}

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

async function ingest(server) {
  const bodies = Array.from({ length: 100 }, (_, i) => batchBody(server.writeKey, i));
  let n = 0;
  const cpuBefore = await server.cpu();
  const res = await run({
    url: `http://127.0.0.1:${server.port}`,
    requests: [
      {
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'text/plain' },
        setupRequest: (req) => ({ ...req, body: withIds(bodies[n++ % bodies.length]) }),
      },
    ],
  });
  if (res.non2xx > 0 || res.errors > 0) throw new Error(`ingest: ${res.non2xx} non-2xx, ${res.errors} errors`);
  // Server CPU per request: a cost measure that does not depend on what else the machine runs.
  const cpuMs = ((await server.cpu()) - cpuBefore) / 1000 / res.requests.total;
  return {
    rps: res.requests.average,
    eventsPerSec: res.requests.average * BATCH,
    p50: res.latency.p50,
    p99: res.latency.p99,
    cpuMs,
  };
}

// The same batches at a steady `rate` (requests/s), paced evenly (see paced.mjs).
async function ingestAt(server, rate) {
  const bodies = Array.from({ length: 100 }, (_, i) => batchBody(server.writeKey, i));
  let n = 0;
  const res = await paced({
    url: `http://127.0.0.1:${server.port}`,
    rate,
    duration: DURATION,
    connections: CONNECTIONS,
    next: () => ({
      method: 'POST',
      path: '/v1/batch',
      headers: { 'content-type': 'text/plain' },
      body: withIds(bodies[n++ % bodies.length]),
    }),
  });
  if (res.non2xx > 0 || res.errors > 0) throw new Error(`ingest: ${res.non2xx} non-2xx, ${res.errors} errors`);
  return res;
}

// 1,000 state reads per second, paced evenly, for users the ingest runs created.
async function stateReads(server) {
  const res = await paced({
    url: `http://127.0.0.1:${server.port}`,
    rate: 1000,
    duration: DURATION,
    connections: 4,
    next: () => ({
      headers: { authorization: `Bearer ${server.secretKey}` },
      path: `/v1/users/user-${Math.floor(Math.random() * 1000)}/state`,
    }),
  });
  if (res.non2xx > 0 || res.errors > 0) throw new Error(`state: ${res.non2xx} non-2xx, ${res.errors} errors`);
  return res;
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const rows = [];

const bundle = await bundleCollector();
const ceilingServer = await startServer('ceiling');
const ceiling = await ingest(ceilingServer);
await ceilingServer.stop();
rows.push({ target: 'ceiling (node:http + JSON.parse)', ...ceiling });

// Where a batch's cost goes before storage: Fastify with the collector's body
// parser, then per-event validation and normalisation. No storage, no scores.
const layers = await bundleLayers();
for (const [kind, target] of [
  ['fastify', 'Fastify + body parser (no validation, no storage)'],
  ['validate', '+ per-event validation (no storage)'],
]) {
  const server = await startServer(kind, layers);
  rows.push({ target, ...(await ingest(server)) });
  await server.stop();
}

for (const kind of pgUrl ? ['sqlite', 'postgres'] : ['sqlite']) {
  const server = await startServer(kind, bundle);
  const peak = await ingest(server);
  const half = await ingestAt(server, Math.max(1, Math.round(peak.rps / 2)));
  const state = await stateReads(server);
  await server.stop();
  rows.push({
    target: kind,
    ...peak,
    p99AtHalf: half.p99,
    statePerSec: state.rps,
    stateP50: state.p50,
    stateP99: state.p99,
  });
}
if (!pgUrl) console.log('PostgreSQL not measured: set PULSE_TEST_POSTGRES (or PULSE_BENCH_POSTGRES)');

console.log(`\nCollector ingest, batches of ${BATCH} events, ${CONNECTIONS} connections, ${DURATION}s per run\n`);
console.log(
  '| target | events/s | % of ceiling | server CPU ms/batch | CPU vs ceiling | p50 ms | p99 ms | p99 at half peak ms | state p50 ms | state p99 ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const share = ((100 * r.eventsPerSec) / ceiling.eventsPerSec).toFixed(1);
  const cpuShare = ((100 * ceiling.cpuMs) / r.cpuMs).toFixed(1);
  const cells = [fmt(r.eventsPerSec), `${share}%`, r.cpuMs.toFixed(3), `${cpuShare}%`, r.p50, r.p99];
  cells.push(r.p99AtHalf ?? '–', r.stateP50 ?? '–', r.stateP99 ?? '–');
  console.log(`| ${r.target} | ${cells.join(' | ')} |`);
}
const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1));
console.log(`\nLoad average during the run: ${load.join(' ')} (on ${(await import('node:os')).cpus().length} cores)`);
const sqlite = rows.find((r) => r.target === 'sqlite');
const checks = [
  ['SQLite ≥ 40% of ceiling', sqlite.eventsPerSec >= 0.4 * ceiling.eventsPerSec],
  ['p99 < 50 ms at half peak (SQLite)', sqlite.p99AtHalf < 50],
  ['state read p99 < 5 ms (SQLite)', sqlite.stateP99 < 5],
];
console.log('');
for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
