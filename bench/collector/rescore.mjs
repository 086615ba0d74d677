// Rescore benchmark: `pulse rescore` over 1M events on SQLite. The demo's seed
// writes a realistic population as NDJSON (a few percent more users than needed,
// cut to exactly the event count), `pulse import` loads it into a
// fresh database, then `pulse rescore` rebuilds every rollup and score from the
// raw events. Reports each step's wall time, events/s and the peak RSS of the
// process that ran it (VmHWM from /proc, sampled until it exits).
//
//   node bench/collector/rescore.mjs [--events 1000000] [--json] [--pg postgres://…/db]
//
// With --pg (or PULSE_BENCH_POSTGRES), the same file is also imported into a fresh
// PostgreSQL database created next to the one named (and dropped after).
//
// Runs the built CLI (packages/collector/dist/cli.js): `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/collector/dist/cli.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 1_000_000);
const pgFlag = process.argv.indexOf('--pg');
const PG = pgFlag === -1 ? process.env.PULSE_BENCH_POSTGRES : process.argv[pgFlag + 1];
const log = (line) => console.error(`[rescore] ${line}`);

/** Peak resident set of a live process in KiB (VmHWM), or 0 once it is gone. */
function peakRssKiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** Runs `node args…`, resolving to its wall time, CPU time and peak RSS; rejects on a non-zero exit. */
function runNode(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let peak = 0;
  let cpu = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRssKiB(child.pid));
    cpu = Math.max(cpu, cpuSeconds(child.pid));
  }, 50);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ seconds, cpuSeconds: cpu, peakRssMiB: Math.round(peak / 1024) });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}

/**
 * The benchmark as `bench/run.mjs` calls it: 1M events, or 100k with `quick`.
 * Returns plain JSON with a printable `table`.
 */
export async function run({ quick = false, log: say = log } = {}) {
  const result = await measure(quick ? 100_000 : EVENTS, say);
  return { ...result, table: table(result) };
}

function table(result) {
  const f = (step) =>
    `${result[step].seconds.toFixed(1)} s, ${result[step].eventsPerSecond.toLocaleString('en-US')} events/s, ` +
    `${result[step].cpuSeconds.toFixed(1)} CPU s (${Math.round(result.events / result[step].cpuSeconds).toLocaleString('en-US')} events per CPU s), peak RSS ${result[step].peakRssMiB} MiB`;
  return [
    `${result.events.toLocaleString('en-US')} events of ${result.users.toLocaleString('en-US')} users`,
    `  pulse import (SQLite)      ${f('import')}`,
    `  pulse rescore (SQLite)     ${f('rescore')}`,
    ...(result.importPostgres ? [`  pulse import (PostgreSQL)  ${f('importPostgres')}`] : []),
  ].join('\n');
}

async function measure(events, say) {
  if (!existsSync(cli)) throw new Error('packages/collector/dist/cli.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'pulse-rescore-'));
  const file = join(dir, 'events.ndjson');
  const db = join(dir, 'pulse.db');
  const config = join(root, 'demo/pulse.config.json');
  // The demo's seed writes about 43 events per user: seed a little more, keep `events`.
  const seeded = Math.max(1, Math.ceil((events / 43) * 1.05));
  try {
    say(`seeding ${seeded} users (≈${Math.round(seeded * 43)} events)…`);
    await runNode([
      join(root, 'demo/seed.mjs'),
      '--users',
      String(seeded),
      '--out',
      file,
      '--now',
      '2026-11-20T00:00:00Z',
    ]);
    const kept = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, events);
    writeFileSync(file, `${kept.join('\n')}\n`);
    const lines = kept.length;
    if (lines < events) say(`the seed wrote only ${lines} events (fewer per user than expected)`);
    const users = new Set(kept.map((line) => /"(?:userId|anonymousId)":"([^"]*)"/.exec(line)?.[1])).size;
    say(`importing ${lines} events…`);
    const load = await runNode([cli, 'import', file, '--db', db, '--config', config]);
    say('rescoring…');
    const rescore = await runNode([cli, 'rescore', '--db', db, '--config', config]);
    const rate = (s) => Math.round(lines / s);
    let importPostgres;
    if (PG) {
      const name = `pulse_import_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: PG });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
        const url = new URL(PG);
        url.pathname = `/${name}`;
        say(`importing ${lines} events into PostgreSQL…`);
        const r = await runNode([cli, 'import', file, '--db', url.href, '--config', config]);
        importPostgres = { ...r, eventsPerSecond: rate(r.seconds) };
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
    }
    return {
      events: lines,
      users,
      import: { ...load, eventsPerSecond: rate(load.seconds) },
      rescore: { ...rescore, eventsPerSecond: rate(rescore.seconds) },
      ...(importPostgres ? { importPostgres } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measure(EVENTS, log);
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : table(result));
}
