// `npm run bench`: every benchmark in one run on this machine. Writes
// bench/results/latest.json and prints the tables.
//
//   node bench/run.mjs [--quick] [--only browser,tracker,collector,rescore,experiments,bundle]
//
// Each benchmark is a module that runs on its own and exports `run(options)`
// returning plain JSON. A script without that export is run as a child process
// with `--json` (and `--quick`); its JSON output is kept, or else its printed output.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM } from './browser/launch.mjs';
import { formatBrowser } from './browser/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = {
  browser: join(here, 'browser', 'index.mjs'),
  tracker: join(here, 'tracker', 'track-cost.mjs'),
  collector: join(here, 'collector', 'ingest.mjs'),
  rescore: join(here, 'collector', 'rescore.mjs'),
  experiments: join(here, 'experiments', 'sequential.mjs'),
  // Needs `npm run build` (the example bundles the packages' dist/).
  bundle: join(here, 'bundle', 'react-share.mjs'),
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? Object.keys(BENCHES) : args[onlyAt + 1].split(',');
const log = (line) => console.error(`[bench] ${line}`);

const text = (cmd, cmdArgs) => {
  try {
    return execFileSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

/** The machine the numbers come from. */
function machine() {
  return {
    nproc: Number(text('nproc', [])) || os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? null,
    memory: text('free', ['-h']),
    node: process.version,
    chromium: text(CHROMIUM, ['--version'])?.split('\n')[0] ?? null,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** Idle and total CPU time over every core since boot (ms), from `os.cpus()`. */
function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

const SETTLE_IDLE = 0.85;
const SETTLE_SECONDS = 3;
const SETTLE_MAX_MS = 60_000;

/**
 * Waits until the machine is quiet before a benchmark: three seconds in a row with
 * at least 85% of the CPU time idle (what the previous benchmark left running, a
 * browser's teardown or the kernel's writeback, would otherwise land in the next one's
 * latencies), at most a minute. Resolves to how long it waited and the last second's idle share.
 */
async function settle() {
  const started = Date.now();
  let quiet = 0;
  let idleShare = 0;
  let last = cpuTimes();
  while (quiet < SETTLE_SECONDS && Date.now() - started < SETTLE_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = cpuTimes();
    idleShare = (now.idle - last.idle) / Math.max(1, now.total - last.total);
    last = now;
    quiet = idleShare >= SETTLE_IDLE ? quiet + 1 : 0;
  }
  return { waitedMs: Date.now() - started, idlePercent: Math.round(idleShare * 100), quiet: quiet >= SETTLE_SECONDS };
}

/** The last JSON object a child printed, if any. */
function jsonTail(stdout) {
  const trimmed = stdout.trim();
  for (let i = trimmed.lastIndexOf('\n{'); ; i = trimmed.lastIndexOf('\n{', i - 1)) {
    try {
      return JSON.parse(trimmed.slice(i + 1));
    } catch {
      if (i <= 0) break;
    }
  }
  try {
    return JSON.parse(trimmed);
  } catch {
    return null;
  }
}

function spawnBench(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, '--json', ...(quick ? ['--quick'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Runs one benchmark, through its `run` export or as a child process. */
async function runBench(name, file) {
  if (!existsSync(file)) return { skipped: `${relative(join(here, '..'), file)} does not exist` };
  const started = Date.now();
  const source = readFileSync(file, 'utf8');
  if (/export\s+(async\s+)?function\s+run\b/.test(source)) {
    const mod = await import(pathToFileURL(file).href);
    return { ...(await mod.run({ quick, log: (line) => log(`${name}: ${line}`) })), durationMs: Date.now() - started };
  }
  const { code, stdout } = await spawnBench(file);
  const json = jsonTail(stdout);
  return json && typeof json === 'object'
    ? { ...json, exitCode: code, durationMs: Date.now() - started }
    : { output: stdout.trim(), exitCode: code, durationMs: Date.now() - started };
}

function print(name, result) {
  console.log(`\n## ${name}\n`);
  if (result.skipped) return console.log(`skipped: ${result.skipped}`);
  if (result.error && !result.kind) return console.log(`failed: ${result.error}`);
  if (name === 'browser') return console.log(formatBrowser(result));
  if (typeof result.table === 'string') return console.log(result.table);
  if (typeof result.output === 'string') return console.log(result.output);
  console.log(JSON.stringify(result, null, 2));
}

/** Points the collector benchmark at the local PostgreSQL when one answers and none is configured. */
async function defaultPostgres() {
  if (process.env.PULSE_TEST_POSTGRES || process.env.PULSE_BENCH_POSTGRES) return;
  const open = await new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 5432, timeout: 500 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (open) process.env.PULSE_BENCH_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
}

// A stray rejection in one scenario (a page closing mid-request) must not lose a 10-minute run.
process.on('unhandledRejection', (error) => log(`ignored: ${error instanceof Error ? error.message : String(error)}`));

await defaultPostgres();
const started = Date.now();
const report = { startedAt: new Date(started).toISOString(), quick, machine: machine(), settled: {} };
for (const name of only) {
  if (!BENCHES[name]) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
  const settled = (report.settled[name] = await settle());
  log(
    `${name}… (after ${(settled.waitedMs / 1000).toFixed(0)} s, ${settled.idlePercent}% idle${settled.quiet ? '' : ', never quiet'})`,
  );
  try {
    report[name] = await runBench(name, BENCHES[name]);
  } catch (error) {
    report[name] = { error: error instanceof Error ? error.stack : String(error) };
  }
  log(`${name} done in ${((report[name].durationMs ?? 0) / 1000).toFixed(0)} s`);
}
report.durationMs = Date.now() - started;
report.machine.loadAverageAfter = os.loadavg().map((l) => Number(l.toFixed(2)));

const out = join(here, 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const m = report.machine;
console.log(`# Pulse benchmarks${quick ? ' (quick)' : ''}\n`);
console.log(`${m.nproc} CPUs (${m.cpu}), Node ${m.node}, ${m.chromium}, load average ${m.loadAverage.join(' ')}`);
for (const name of only) print(name, report[name]);
console.log(`\nWrote ${relative(process.cwd(), out)} in ${(report.durationMs / 1000).toFixed(0)} s`);
