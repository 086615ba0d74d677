// Config preview benchmark: the what-if of a draft model (POST /v1/admin/config/preview)
// over a synthetic population of about 1M events in SQLite. The events are imported
// through `pulse import`'s code path; the preview then runs in process (app.inject),
// so each figure is the server's time for the whole answer: every event read once,
// every user scored under the current and the draft config, the band transitions,
// the top movers and, with an outcome, the AUC of both. Target: under 10 s.
//
//   node bench/collector/preview.mjs [--events 1000000] [--runs 3]
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSources } from './bundle-sources.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 1_000_000);
const RUNS = arg('runs', 3);
const EVENTS_PER_USER = 16;
// As bench/collector/calibrate.mjs: about 15.7 events per user.
const USERS = Math.round(EVENTS / 15.7);

const seconds = (ms) => (ms / 1000).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lib = await import(
  await bundleSources('preview', [
    ['createCollector', 'index.ts'],
    ['importNdjson', 'ingest/import-ndjson.ts'],
    ['parseDay', 'calibrate/outcome.ts'],
    ['syntheticEvents, syntheticModel', 'calibrate/synthetic-population.ts'],
  ])
);
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-preview-'));
try {
  const day = lib.parseDay('2026-03-01');
  const file = join(dir, 'events.ndjson');
  let t0 = performance.now();
  const stream = createWriteStream(file);
  let events = 0;
  let chunk = [];
  lib.syntheticEvents({ users: USERS, seed: 1, observationDay: day, eventsPerUser: EVENTS_PER_USER }, (e) => {
    events += 1;
    chunk.push(JSON.stringify(e));
    if (chunk.length < 10_000) return;
    stream.write(chunk.join('\n') + '\n');
    chunk = [];
  });
  stream.end(chunk.join('\n') + '\n');
  await new Promise((r) => stream.on('finish', r));
  console.log(
    `generated ${events.toLocaleString('en-US')} events of ${USERS.toLocaleString('en-US')} users in ${seconds(performance.now() - t0)} s`,
  );

  // A 150-day window, so that scores at "now" (day + 121) still count the events.
  const model = (weights, extra = {}) => ({ ...lib.syntheticModel(weights), windowDays: 150, ...extra });
  const config = { models: [model([0, 0, 5, 5, 5])], nudges: [] };
  const draft = {
    models: [model([15, 10, 0, 0, 2], { halfLifeDays: 60, inactivity: [{ afterDays: 40, perDay: -1, cap: -20 }] })],
    nudges: [],
  };
  const collector = await lib.createCollector({
    db: join(dir, 'pulse.db'),
    config,
    secretKey: 'sk',
    background: false,
    rateLimit: false,
    now: () => (day + 121) * 86_400_000,
  });
  t0 = performance.now();
  const summary = await lib.importNdjson(collector.context, file, { batchSize: 2000 });
  console.log(`imported ${summary.accepted.toLocaleString('en-US')} events in ${seconds(performance.now() - t0)} s`);

  // Wall time, and the CPU time the process spent (user + system): on a machine shared with
  // other work the wall time grows with the load, the CPU time much less.
  const preview = async (body) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const res = await collector.app.inject({
      method: 'POST',
      url: '/v1/admin/config/preview',
      headers: { authorization: 'Bearer sk', 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (res.statusCode !== 200) throw new Error(`preview: ${res.statusCode} ${res.body}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, answer: res.json() };
  };
  const results = {};
  for (const [name, body] of [
    ['bands, histogram, transitions, movers', { config: draft }],
    ['… and the AUC of both for retention:60-90', { config: draft, outcome: 'retention:60-90', at: '2026-03-01' }],
  ]) {
    const times = [];
    const cpus = [];
    let answer;
    for (let r = 0; r < RUNS; r++) ({ ms: times[r], cpuMs: cpus[r], answer } = await preview(body));
    results[name] = { median: median(times), cpu: median(cpus), times, answer };
    console.log(
      `preview (${name}): median ${seconds(median(times))} s wall, ${seconds(median(cpus))} s CPU over ${RUNS} runs ` +
        `[${times.map(seconds).join(', ')}] — ` +
        `${answer.users.toLocaleString('en-US')} users, ${answer.events.toLocaleString('en-US')} events, ` +
        `${answer.usersChangingBand.toLocaleString('en-US')} change band` +
        (answer.auc ? `, AUC ${answer.auc.current.auc.toFixed(3)} → ${answer.auc.draft.auc.toFixed(3)}` : ''),
    );
  }
  const worst = Math.max(...Object.values(results).map((r) => r.median));
  const worstCpu = Math.max(...Object.values(results).map((r) => r.cpu));
  console.log(
    `target < 10 s: ${worst < 10_000 ? 'met' : 'NOT met'} (slowest median ${seconds(worst)} s wall, ${seconds(worstCpu)} s CPU; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(`node ${process.version}, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB RSS at the end`);
  await collector.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
