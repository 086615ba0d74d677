#!/usr/bin/env node
// `npm run seed`: fills a Pulse collector with a realistic synthetic population of
// Tasklane trial users (see docs/demo.md). Deterministic for a given --seed and --now.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertConfig } from '@pulse/core';
import cliProgress from 'cli-progress';
import { createBatchSender, createNdjsonWriter } from './seed/deliver.mjs';
import { createRandom } from './seed/random.mjs';
import { simulateUser } from './seed/simulate.mjs';

const DAY = 86_400_000;
const USAGE = `Usage: node demo/seed.mjs [options]

  --users <n>        synthetic users (default 3000)
  --days <n>         sign-ups spread over the last n days (default 60)
  --seed <n>         random seed (default 42); same seed and --now, same events and message ids
  --now <iso>        the "current" time of the simulation (default: now)
  --host <url>       collector to POST to (default http://127.0.0.1:$PULSE_PORT or :8787)
  --write-key <key>  public write key (default $PULSE_WRITE_KEY or pulse_demo_write_key)
  --secret-key <key> secret key (default $PULSE_SECRET_KEY): after sending, asks the collector to
                     backfill the daily score history from the events (POST /v1/admin/history/backfill)
  --out <file>       write NDJSON for \`pulse import\` instead of posting
  --config <file>    pulse.config.json (default demo/pulse.config.json)
  --batch-size <n>   events per POST /v1/batch (default 500)
  --concurrency <n>  requests in flight (default 2)`;

function options() {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '3000' },
      days: { type: 'string', default: '60' },
      seed: { type: 'string', default: '42' },
      now: { type: 'string' },
      host: { type: 'string', default: `http://127.0.0.1:${process.env.PULSE_PORT ?? 8787}` },
      'write-key': { type: 'string', default: process.env.PULSE_WRITE_KEY ?? 'pulse_demo_write_key' },
      'secret-key': { type: 'string', default: process.env.PULSE_SECRET_KEY },
      out: { type: 'string' },
      config: { type: 'string', default: fileURLToPath(new URL('pulse.config.json', import.meta.url)) },
      'batch-size': { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (!Number.isFinite(now)) throw new Error('--now must be an ISO-8601 date');
  return {
    users: int('users', 1),
    days: int('days', 1),
    seed: int('seed', 0),
    now,
    host: values.host,
    writeKey: values['write-key'],
    secretKey: values['secret-key'],
    out: values.out,
    config: assertConfig(JSON.parse(readFileSync(values.config, 'utf8'))),
    batchSize: Math.min(int('batch-size', 1), 2500),
    concurrency: int('concurrency', 1),
  };
}

function printSummary(o, stats, sink) {
  const pct = (a, b) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`\n${o.users} users, ${stats.events} events over ${o.days} days`);
  console.log(
    `  ${Object.entries(stats.archetypes)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  const t = sink.totals;
  if (o.out) console.log(`  written to ${o.out}; load it with: npx pulse import ${o.out}`);
  else console.log(`  collector: ${t.accepted} accepted, ${t.duplicates} duplicates, ${t.rejected} rejected`);
  if (t.firstRejection) console.log(`  first rejection: ${t.firstRejection}`);
  console.log('  invite-nudge experiment as simulated (goal: Teammate Invited within 7 days):');
  for (const [variant, v] of Object.entries(stats.variants)) {
    console.log(
      `    ${variant.padEnd(8)} exposed ${v.exposed}, converted ${v.converted} (${pct(v.converted, v.exposed)})`,
    );
  }
}

async function main() {
  const o = options();
  const sink = o.out ? createNdjsonWriter(o.out) : createBatchSender(o);
  const schedule = createRandom(o.seed);
  const stats = { events: 0, archetypes: {}, variants: {} };
  const bar = new cliProgress.SingleBar(
    { format: 'Seeding {bar} {percentage}% | {value}/{total} users | {events} events | ETA {eta_formatted}' },
    cliProgress.Presets.shades_classic,
  );
  bar.start(o.users, 0, { events: 0 });
  let pending = [];
  for (let i = 0; i < o.users; i++) {
    // Sign-ups grow over the period, as a product that is picking up does.
    const signupAt = o.now - o.days * DAY + schedule.next() ** 0.8 * (o.days * DAY - 3_600_000);
    const { events, summary } = simulateUser(createRandom(o.seed * 1_000_003 + i), i, o.config, signupAt, o.now);
    stats.events += events.length;
    stats.archetypes[summary.archetype] = (stats.archetypes[summary.archetype] ?? 0) + 1;
    if (summary.variant !== null) {
      const v = (stats.variants[summary.variant] ??= { exposed: 0, converted: 0 });
      v.exposed += 1;
      if (summary.converted) v.converted += 1;
    }
    pending.push(...events);
    while (pending.length >= o.batchSize) await sink.send(pending.splice(0, o.batchSize));
    bar.update(i + 1, { events: stats.events });
  }
  if (pending.length > 0) await sink.send(pending);
  pending = [];
  await sink.drain();
  bar.stop();
  printSummary(o, stats, sink);
  await backfillHistory(o);
}

// The seed's events lie in the past; the collector scores them as they arrive (today), so the
// daily history of the last 60 days comes from a backfill over the stored events.
async function backfillHistory(o) {
  if (o.out !== undefined) return console.log('`pulse import` backfills the daily history after importing.');
  if (o.secretKey === undefined) {
    return console.log(
      'History: pass --secret-key (or PULSE_SECRET_KEY) to backfill 60 days, or run `npx pulse rescore`.',
    );
  }
  const res = await fetch(`${o.host.replace(/\/+$/, '')}/v1/admin/history/backfill`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.secretKey}` },
  });
  if (!res.ok) throw new Error(`history backfill answered ${res.status}: ${await res.text()}`);
  const done = await res.json();
  console.log(`History backfilled for ${done.users} users from ${done.events} events.`);
}

main().catch((error) => {
  console.error(`\nseed failed: ${error.message}`);
  if (error.name === 'SeedDeliveryError') console.error('Is the collector running? Start it with `npm start`.');
  process.exit(1);
});
