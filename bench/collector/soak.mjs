// Memory soak: drives one collector (SQLite, its own process) with autocannon on
// loopback for --duration seconds — valid batches of 50 events, hostile bodies and
// state reads mixed — samples the server's RSS every second, and checks that it
// plateaus: the peak of the last third may exceed the peak of the first third by
// at most --bound MB. Prints one JSON line; exits 1 when the bound is broken.
// The default bound is SQLite's page caches (64 MB for each of the writer and the
// reader connection, filled as the database grows) plus 32 MB: growth past that
// is a leak, growth below it may be the caches warming up, which the RSS samples
// (SOAK_SAMPLES=1 prints them) tell apart — they flatten once the caches are full.
//
//   node bench/collector/soak.mjs [--duration 60] [--connections 16] [--bound 160]
//
// docs/reliability.md ("Abuse") cites its figures; packages/collector/test/scenarios/soak.test.ts
// runs it for 15 s in CI.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bundleSources } from './bundle-sources.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const DURATION = arg('duration', 60);
const CONNECTIONS = arg('connections', 16);
const BOUND_MB = arg('bound', 160);
const BATCH = 50;

const bundleCollector = () => bundleSources('collector-soak');

function startServer(bundle) {
  const child = fork(join(here, 'server.mjs'), ['sqlite', bundle, ''], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  process.on('exit', () => child.kill());
  return new Promise((resolve, reject) => {
    child.once('message', (info) =>
      resolve({ ...info, pid: child.pid, stop: () => new Promise((r) => (child.send('stop'), child.once('exit', r))) }),
    );
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The resident set of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.replace(/\D+/g, '')) / 1024;
}

// 5,000 users, so the user table and caches keep growing for the whole run.
let seq = 0;
function batchBody(writeKey) {
  seq += 1;
  const now = Date.now();
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: 'track',
    event: ['Project Created', 'Core Feature Used', 'Teammate Invited', 'Session Ended'][i % 4],
    userId: `soak-${(seq * 7 + i) % 5000}`,
    messageId: `${process.pid}-${seq}-${i}`,
    timestamp: new Date(now - i * 1000).toISOString(),
    properties: { minutes: i % 30, note: 'x'.repeat(i % 200) },
  }));
  return JSON.stringify({ writeKey, batch });
}
const HOSTILE = [
  '{"batch":[{"__proto__":{"polluted":1},"type":"track"}]}',
  `{"batch":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
  '{"batch":"nope"}',
  'not json at all',
];

const bundle = await bundleCollector();
const server = await startServer(bundle);
const samples = [];
const sampler = setInterval(() => samples.push(rssMb(server.pid)), 1000);
let n = 0;
const result = await new Promise((resolve, reject) => {
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${server.port}`,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          path: '/v1/batch',
          headers: { 'content-type': 'text/plain' },
          setupRequest: (req) => {
            n += 1;
            if (n % 10 === 0) return { ...req, body: HOSTILE[(n / 10) % HOSTILE.length] };
            if (n % 10 === 5) {
              return {
                ...req,
                method: 'GET',
                path: `/v1/users/soak-${n % 5000}/state`,
                body: undefined,
                headers: { authorization: `Bearer ${server.secretKey}` },
              };
            }
            return { ...req, body: batchBody(server.writeKey) };
          },
        },
      ],
    },
    (err, res) => (err ? reject(err) : resolve(res)),
  );
  autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
});
clearInterval(sampler);
await server.stop();

const third = Math.max(1, Math.floor(samples.length / 3));
const firstPeak = Math.max(...samples.slice(0, third));
const lastPeak = Math.max(...samples.slice(-third));
const report = {
  durationS: DURATION,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  status5xx: result['5xx'],
  peakRssMb: Math.round(Math.max(...samples)),
  firstThirdPeakMb: Math.round(firstPeak),
  lastThirdPeakMb: Math.round(lastPeak),
  growthMb: Math.round(lastPeak - firstPeak),
  lastThirdGrowthMb: Math.round(lastPeak - Math.min(...samples.slice(-third))),
  boundMb: BOUND_MB,
  samples: samples.length,
  ...(process.env.SOAK_SAMPLES ? { rssMb: samples.map(Math.round) } : {}),
};
console.log(JSON.stringify(report));
// Hostile bodies answer 4xx by design; a 5xx or a socket error is a failure.
const failed = report.growthMb > BOUND_MB || result.errors > 0 || result['5xx'] > 0;
process.exit(failed ? 1 : 0);
