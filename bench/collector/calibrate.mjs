// Calibration benchmark: a synthetic population of about 1M events (retention
// driven by two of five signals) is imported through `pulse import`'s code path
// into a fresh SQLite file, then `calibrate` runs on it: the time of each step
// is printed, with the AUCs and the signal ranking as a sanity check.
//
//   node bench/collector/calibrate.mjs [--events 1000000]
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { bundleSources } from './bundle-sources.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 1_000_000);
const EVENTS_PER_USER = 16;
// Each user sends a sign-up, 2.7 events per signal on average (uniform 0–6) and 1–2 visits: about 15.7 events.
const USERS = Math.round(EVENTS / 15.7);

const bundle = () =>
  bundleSources('calibrate', [
    ['createCollector', 'index.ts'],
    ['importNdjson', 'ingest/import-ndjson.ts'],
    ['calibrate', 'calibrate/calibrate.ts'],
    ['parseDay, parseOutcome', 'calibrate/outcome.ts'],
    ['syntheticEvents, syntheticModel', 'calibrate/synthetic-population.ts'],
  ]);

function progress(label, unit) {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ format: `${label} {value} ${unit}`, stream: process.stderr, hideCursor: true });
  bar.start(0, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}

const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

const lib = await import(await bundle());
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-calibrate-'));
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
    `generated ${events.toLocaleString('en-US')} events of ${USERS.toLocaleString('en-US')} users in ${seconds(t0)} s`,
  );

  const config = { models: [lib.syntheticModel([0, 0, 5, 5, 5])], nudges: [] };
  const collector = await lib.createCollector({
    db: join(dir, 'pulse.db'),
    config,
    background: false,
    rateLimit: false,
    now: () => (day + 121) * 86_400_000,
  });
  t0 = performance.now();
  const importBar = progress('import', 'bytes');
  const summary = await lib.importNdjson(collector.context, file, { batchSize: 2000, onProgress: importBar.update });
  importBar.stop();
  console.log(`imported ${summary.accepted.toLocaleString('en-US')} events in ${seconds(t0)} s`);

  t0 = performance.now();
  const stages = {};
  const stageBar = progress('calibrate', 'events read');
  const report = await lib.calibrate({
    store: collector.store,
    project: collector.project,
    config,
    outcome: lib.parseOutcome('retention:60-90'),
    day,
    horizonDay: day + 120,
    onProgress: (stage, done) => {
      stages[stage] = performance.now();
      if (stage === 'read') stageBar.update(done);
    },
  });
  stageBar.stop();
  const total = seconds(t0);
  // Each stage's last report: reading ends before the fit starts, the fit before the AUC series.
  const read = ((stages.read - t0) / 1000).toFixed(1);
  const fit = ((stages.fit - stages.read) / 1000).toFixed(1);
  console.log(
    `calibrated ${report.users.toLocaleString('en-US')} users in ${total} s (read ${read} s, score + fit ${fit} s, the rest: bands, held-out, AUC over time)`,
  );
  const held = report.suggestion?.heldOut;
  console.log(
    `AUC current ${report.current.auc.auc?.toFixed(3)}; held out: current ${held?.current.auc?.toFixed(3)}, suggested ${held?.suggested.auc?.toFixed(3)}; signals by strength: ${report.signals.map((s) => s.id).join(' > ')}`,
  );
  console.log(`node ${process.version}, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB RSS at the end`);
  await collector.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
