// Event-log benchmark (issue 20), one run, side by side: the bare node:http +
// JSON.parse ceiling, then `pulse serve --log` publishing batches of 100 events
// to a 3-node JetStream cluster (R3, 16 partitions) started here on free ports
// with temporary store directories; then one `pulse worker` draining what the
// run published into SQLite (events/s and CPU ms per event).
//
//   node bench/collector/log-path.mjs [--duration 8] [--connections 32]
//   PULSE_BENCH_CPU_PROF=/tmp/prof node bench/collector/log-path.mjs   # + a CPU profile per server
//
// Goal: the request path with the log ≥ 50% of the ceiling in events/s.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bundleSources } from './bundle-sources.mjs';
import { children, startCluster, waitForLog } from './nats-bench.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const DURATION = arg('duration', 8);
const CONNECTIONS = arg('connections', 32);
const BATCH = 100;
function startChild(script, args) {
  const child = fork(join(here, script), args, {
    // PULSE_BENCH_CPU_PROF=<dir>: a V8 CPU profile of each server process, written there.
    execArgv: process.env.PULSE_BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PULSE_BENCH_CPU_PROF}`]
      : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.once('message', (info) =>
      resolve({
        ...info,
        stop: () => new Promise((r) => (child.send('stop'), child.once('exit', r))),
        cpu: () => new Promise((r) => (child.once('message', (m) => r(m.cpuMicros)), child.send('cpu'))),
      }),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function batchBody(writeKey, seed) {
  const now = Date.now();
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: 'track',
    event: ['Project Created', 'Core Feature Used', 'Teammate Invited'][i % 3],
    userId: `user-${(seed * 10 + (i % 10)) % 1000}`,
    messageId: '[<id>]',
    timestamp: new Date(now - i * 60_000).toISOString(),
    properties: { minutes: i % 30 },
  }));
  return JSON.stringify({ writeKey, sentAt: new Date(now).toISOString(), batch }).split('[<id>]');
}

let requestCount = 0;
function withIds(parts) {
  const prefix = `${process.pid}-${++requestCount}`;
  let body = parts[0];
  for (let i = 1; i < parts.length; i++) body += `${prefix}-${i}${parts[i]}`;
  return body;
}

async function ingest(server) {
  const bodies = Array.from({ length: 100 }, (_, i) => batchBody(server.writeKey, i));
  let n = 0;
  const before = await server.cpu();
  const res = await new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${server.port}`,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            path: '/v1/batch',
            headers: { 'content-type': 'text/plain' },
            setupRequest: (req) => ({ ...req, body: withIds(bodies[n++ % bodies.length]) }),
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
  });
  if (res.non2xx > 0 || res.errors > 0) throw new Error(`ingest: ${res.non2xx} non-2xx, ${res.errors} errors`);
  const cpuMs = ((await server.cpu()) - before) / 1000 / res.requests.total;
  return {
    eventsPerSec: res.requests.average * BATCH,
    p50: res.latency.p50,
    p99: res.latency.p99,
    cpuMsPerRequest: cpuMs,
    requests: res.requests.total,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-nats-'));
try {
  const servers = await startCluster(dir);
  const bundle = await bundleSources('collector-log', [
    ['createCollector', 'create-collector.ts'],
    ['openJetStreamLog', 'log/jetstream-log.ts'],
    ['createWorker', 'worker/create-worker.ts'],
    ['loadConfig', 'config/config-holder.ts'],
    ['openStore', 'store/open-store.ts'],
    ['readApplied', 'log/applied-offsets.ts'],
  ]);
  const lib = await import(bundle);
  await waitForLog(lib, servers, 'BENCH', 16);
  const rows = [];
  const ceiling = await startChild('server.mjs', ['ceiling', '', '']);
  rows.push(['ceiling (node:http + JSON.parse)', await ingest(ceiling)]);
  await ceiling.stop();
  const serve = await startChild('log-server.mjs', [bundle, servers, 'BENCH']);
  const withLog = await ingest(serve);
  rows.push(['pulse serve --log (3 nodes, R3)', withLog]);
  await serve.stop();

  // One worker drains what the run published into a fresh SQLite file.
  const db = join(dir, 'drain.db');
  const store = lib.openStore(db);
  await store.migrate();
  const configs = await lib.loadConfig(store, undefined);
  const log = await lib.openJetStreamLog({ servers, prefix: 'BENCH' });
  const heads = await log.heads();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let events = 0;
  const worker = lib.createWorker({
    log,
    target: { store, configs, webhooks: [], now: Date.now },
    batchSize: 100,
    onBatch: (_l, o) => (events += o.records),
  });
  for (;;) {
    let behind = 0;
    for (let p = 0; p < heads.length; p++) behind += heads[p] - (await lib.readApplied(store, p)).offset;
    if (behind === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await worker.close();
  await log.close();
  await store.close();
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  console.log('target                                   events/s   p50 ms  p99 ms  CPU ms/request');
  for (const [name, r] of rows)
    console.log(
      `${name.padEnd(40)} ${fmt(r.eventsPerSec).padStart(9)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(7)} ${r.cpuMsPerRequest.toFixed(2).padStart(10)}`,
    );
  console.log(`log path = ${((100 * withLog.eventsPerSec) / rows[0][1].eventsPerSec).toFixed(1)}% of the ceiling`);
  console.log(
    `one worker into SQLite: ${fmt(events)} events in ${seconds.toFixed(1)} s = ${fmt(events / seconds)} events/s, ${((cpu.user + cpu.system) / 1000 / events).toFixed(3)} CPU ms/event (worker process)`,
  );
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
