// Rescore benchmark: `pulse rescore` over 1M events on SQLite. The demo's seed
// writes a realistic population as NDJSON (a few percent more users than needed,
// cut to exactly the event count), `pulse import` loads it into a
// fresh database, then `pulse rescore` rebuilds every rollup and score from the
// raw events. Reports each step's wall time, events/s and the peak RSS of the
// process that ran it (VmHWM from /proc, sampled until it exits).
//
//   node bench/collector/rescore.mjs [--events 1000000] [--json]
//
// Runs the built CLI (packages/collector/dist/cli.js): `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/collector/dist/cli.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg('events', 1_000_000);
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

/** Runs `node args…`, resolving to its wall time and peak RSS; rejects on a non-zero exit. */
function runNode(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssKiB(child.pid))), 50);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ seconds: (performance.now() - started) / 1000, peakRssMiB: Math.round(peak / 1024) });
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
    `${result[step].seconds.toFixed(1)} s, ${result[step].eventsPerSecond.toLocaleString('en-US')} events/s, peak RSS ${result[step].peakRssMiB} MiB`;
  return [
    `${result.events.toLocaleString('en-US')} events of ${result.users.toLocaleString('en-US')} users (SQLite)`,
    `  pulse import   ${f('import')}`,
    `  pulse rescore  ${f('rescore')}`,
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
    return {
      events: lines,
      users,
      import: { ...load, eventsPerSecond: rate(load.seconds) },
      rescore: { ...rescore, eventsPerSecond: rate(rescore.seconds) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measure(EVENTS, log);
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : table(result));
}
