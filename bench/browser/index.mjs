// Pulse's tracker side by side with the peers' browser SDKs, in one run on this machine.
//
//   node bench/browser/index.mjs [--quick] [--runs 5] [--only pulse,snowplow] [--json]
//
// Phase 1 (timing: one page at a time, nothing else running): init cost, 10,000
// track() calls, long tasks, heap. Phase 2 (delivery: counts, not timings, so
// scenarios run side by side): bytes shipped, wire cost of 1,000 events, unload,
// offline, 503 storm.
import { pathToFileURL } from 'node:url';
import { goals, ratios, summarise } from './aggregate.mjs';
import { buildSdk } from './build.mjs';
import { launchBrowser, userAgentFor } from './launch.mjs';
import { formatBrowser } from './report.mjs';
import { customerBundle } from './customer-bundles.mjs';
import {
  measureBytes,
  measureDrain,
  measureOffline,
  measurePerf,
  measureStorm,
  measureUnload,
  measureWire,
} from './scenarios.mjs';
import { sdkList } from './sdks.mjs';

/** Counts and timings of the scenarios; `--quick` changes only the number of runs. */
export const SETTINGS = {
  calls: 10_000,
  perTask: 100,
  capMs: 2000,
  settleMs: 5000,
  wire: 1000,
  unload: 20,
  offline: 50,
  wireWaitMs: 12_000,
  offlineWaitMs: 8000,
  storm: { count: 100, downMs: 5000, waitMs: 12_000 },
  drain: { count: 10_000, perTask: 100, waitMs: 10_000 },
};

/** Runs `tasks` (functions returning promises) with at most `limit` at a time. */
async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

const message = (error) => (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);

/**
 * Runs the browser benchmark and returns a plain JSON object: per-SDK medians with
 * min/max, Pulse/peer ratios and the goals. `log` receives progress lines.
 */
export async function run({ quick = false, runs, only, concurrency = 10, log = () => {} } = {}) {
  const started = Date.now();
  const n = runs ?? (quick ? 2 : 5);
  const sdks = sdkList(only);
  const built = [];
  const failedBuilds = [];
  for (const sdk of sdks) {
    const b = await buildSdk(sdk);
    if (b.error) {
      log(`build failed for ${sdk.id}: ${b.error}`);
      failedBuilds.push({ id: sdk.id, error: b.error });
    } else built.push({ ...sdk, dir: b.dir });
  }
  const results = new Map(built.map((s) => [s.id, Array.from({ length: n }, () => ({ errors: {} }))]));
  const bytes = new Map();

  const browser = await launchBrowser();
  const chromium = browser.version();
  const userAgent = userAgentFor(chromium);
  const ctx = (sdk) => ({ browser, userAgent, sdk, dir: sdk.dir });
  const attempt = async (sdk, i, scenario, fn) => {
    try {
      results.get(sdk.id)[i][scenario] = await fn();
    } catch (error) {
      results.get(sdk.id)[i].errors[scenario] = message(error);
      log(`${sdk.id} ${scenario} run ${i + 1}: ${message(error)}`);
    }
  };
  try {
    // Warm-up: the browser's first page is slower than any later one.
    if (built[0]) await measureBytes(ctx(built[0])).catch(() => {});

    for (let i = 0; i < n; i++) {
      // Rotating the order spreads any drift of the machine over every SDK.
      const order = built.map((_, k) => built[(k + i) % built.length]);
      for (const sdk of order) {
        const t = Date.now();
        await attempt(sdk, i, 'perf', () => measurePerf({ ...ctx(sdk), ...SETTINGS }));
        log(`perf ${i + 1}/${n} ${sdk.id} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        const d = Date.now();
        await attempt(sdk, i, 'drain', () => measureDrain({ ...ctx(sdk), ...SETTINGS.drain }));
        log(`drain ${i + 1}/${n} ${sdk.id} (${((Date.now() - d) / 1000).toFixed(1)} s)`);
      }
    }

    // Unload survival depends on what the page gets done before the next document
    // commits, so those pages share the machine with as little else as possible.
    const s = SETTINGS;
    const light = [];
    const heavy = [];
    for (let i = 0; i < n; i++) {
      for (const sdk of built) {
        light.push(() => attempt(sdk, i, 'unload', () => measureUnload({ ...ctx(sdk), count: s.unload })));
        heavy.push(() => attempt(sdk, i, 'storm', () => measureStorm({ ...ctx(sdk), ...s.storm })));
        heavy.push(() =>
          attempt(sdk, i, 'offline', () => measureOffline({ ...ctx(sdk), count: s.offline, waitMs: s.offlineWaitMs })),
        );
        heavy.push(() =>
          attempt(sdk, i, 'wire', () => measureWire({ ...ctx(sdk), count: s.wire, timeoutMs: s.wireWaitMs })),
        );
      }
    }
    for (const sdk of built) {
      light.push(async () => {
        bytes.set(sdk.id, await measureBytes(ctx(sdk)).catch((error) => ({ error: message(error) })));
      });
    }
    const t1 = Date.now();
    await pool(light, 4);
    log(`unload and bytes: ${light.length} scenarios (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
    const t2 = Date.now();
    let done = 0;
    const counted = heavy.map((task) => async () => {
      await task();
      done += 1;
      if (done % 7 === 0)
        log(`storm, offline, wire: ${done}/${heavy.length} (${((Date.now() - t2) / 1000).toFixed(0)} s)`);
    });
    await pool(counted, concurrency);
  } finally {
    await browser.close();
  }

  const customer = new Map();
  for (const sdk of built) customer.set(sdk.id, await customerBundle(sdk));
  const summaries = built.map((sdk) =>
    summarise(sdk, { ...bytes.get(sdk.id), customer: customer.get(sdk.id) }, results.get(sdk.id)),
  );
  const pulse = summaries.find((s) => s.id === 'pulse');
  const peers = summaries.filter((s) => s.id !== 'pulse');
  return {
    kind: 'browser-sdks',
    chromium,
    runs: n,
    settings: SETTINGS,
    durationMs: Date.now() - started,
    failedBuilds,
    sdks: summaries,
    ratios: pulse ? ratios(pulse, peers) : null,
    goals: pulse
      ? goals(pulse, peers, {
          unload: SETTINGS.unload,
          offline: SETTINGS.offline,
          storm: SETTINGS.storm.count,
          drain: SETTINGS.drain.count,
        })
      : [],
    raw: Object.fromEntries(results),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  const result = await run({
    quick: args.includes('--quick'),
    runs: value('runs') ? Number(value('runs')) : undefined,
    only: value('only')?.split(','),
    log: (line) => console.error(line),
  });
  console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : formatBrowser(result));
}
