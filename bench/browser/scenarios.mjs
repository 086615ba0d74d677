// The measurements, one function per scenario. Each starts its own sink (so no
// request from one scenario can be counted in another) and its own browser context.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchPersistent } from './launch.mjs';
import { startSink } from './sink.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes. */
async function until(check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

/** Opens the SDK page and waits for the adapter's `init` to resolve. */
async function openReady(context, sink, timeoutMs = 20_000) {
  const page = await context.newPage();
  await page.goto(sink.pageUrl);
  await page.waitForFunction(() => window.__benchReady || window.__benchError, null, { timeout: timeoutMs });
  const error = await page.evaluate(() => window.__benchError);
  if (error) throw new Error(`init failed: ${error}`);
  return page;
}

/** Tracks `count` events keyed `${prefix}${i}` in one task. */
const trackAll = (page, prefix, count) =>
  page.evaluate(
    ([p, n]) => {
      for (let i = 0; i < n; i++) window.__sdk.track('Bench Event', { bk: `${p}${i}`, plan: 'pro', value: i });
    },
    [prefix, count],
  );

async function cdpMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Init cost, then the main-thread cost of `calls` track() calls (CDP TaskDuration
 * from the first call to `settleMs` after the last, so deferred work counts), the
 * long tasks in that span, and the heap retained once it settled. Timing-sensitive:
 * the caller runs it alone.
 */
export async function measurePerf({
  browser,
  userAgent,
  sdk,
  dir,
  calls = 10_000,
  perTask = 100,
  capMs = 3000,
  settleMs = 5000,
}) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    const before = await cdpMetrics(cdp);
    await page.goto(sink.pageUrl);
    await page.waitForFunction(() => window.__benchReady || window.__benchError, null, { timeout: 20_000 });
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(`init failed: ${error}`);
    const ready = await cdpMetrics(cdp);
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    );
    // Let init's own async work (plugins, config, storage) finish before the loop.
    await sleep(300);

    const heapBefore = await heapUsed(cdp);
    const m0 = await cdpMetrics(cdp);
    // The calls come in tasks of `perTask`, as events from user interactions would, so
    // each SDK's own async work (storage, sending) interleaves as it would in an app and
    // shows up in the main-thread total. An SDK whose cost grows with its queue (one
    // crashed the renderer on 10,000 calls in one task) stops at `capMs`; `calls` says
    // how many were made.
    const loop = await page.evaluate(
      async ([n, per, cap]) => {
        const start = performance.now();
        let syncMs = 0;
        let i = 0;
        while (i < n && performance.now() - start < cap) {
          const t = performance.now();
          for (const end = Math.min(n, i + per); i < end; i++) {
            window.__sdk.track('Bench Event', { bk: `p${i}`, plan: 'pro', value: i });
          }
          syncMs += performance.now() - t;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        return { start, syncMs, wallMs: performance.now() - start, calls: i, end: performance.now() };
      },
      [calls, perTask, capMs],
    );
    await sleep(settleMs);
    const m1 = await cdpMetrics(cdp);
    const delivered = sink.delivered('p');
    const longTasks = await page.evaluate(
      ([from, to]) => window.__longTasks.filter((t) => t.start >= from && t.start < to),
      [loop.start, loop.end + settleMs],
    );
    const heapAfter = await heapUsed(cdp);
    const ms = (a, b, key) => (b[key] - a[key]) * 1000;
    return {
      evalMs: marks['bench:evaluated'] - marks['bench:start'],
      initMs: marks['bench:ready'] - marks['bench:start'],
      initScriptMs: ms(before, ready, 'ScriptDuration'),
      initTaskMs: ms(before, ready, 'TaskDuration'),
      calls: loop.calls,
      syncMs: loop.syncMs,
      wallMs: loop.wallMs,
      mainThreadMs: ms(m0, m1, 'TaskDuration'),
      scriptMs: ms(m0, m1, 'ScriptDuration'),
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
      heapGrowthKB: (heapAfter - heapBefore) / 1024,
      // Not a cost: whether the calls did their job. An SDK may drop events at a queue cap.
      deliveredInWindow: delivered.unique,
      duplicatesInWindow: delivered.duplicates,
    };
  } finally {
    await context.close();
    await sink.close();
  }
}

/** Compressed sizes of the JS a page fetched (each file compressed on its own, as served). */
export function sizeOf(assets) {
  const files = [...assets].map(([path, body]) => ({
    path,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }));
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files };
}

/** Bytes shipped for init + track one event: every JS file the page fetched, chunks included. */
export async function measureBytes({ browser, userAgent, sdk, dir }) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  const external = [];
  context.on('requestfailed', (r) => {
    if (!/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(r.url())) external.push(r.url());
  });
  try {
    const page = await openReady(context, sink);
    await trackAll(page, 'b', 1);
    await until(() => sink.delivered('b').unique === 1, 15_000);
    await sleep(500);
    return { ...sizeOf(sink.state.assets), delivered: sink.delivered('b').unique, external };
  } finally {
    await context.close();
    await sink.close();
  }
}

/** Requests and bytes (headers + bodies, preflights included) to deliver `count` events. */
export async function measureWire({ browser, userAgent, sdk, dir, count = 1000, timeoutMs = 25_000 }) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  try {
    const page = await openReady(context, sink);
    await sleep(1000);
    const start = Date.now();
    await trackAll(page, 'w', count);
    await until(() => sink.delivered('w').unique >= count, timeoutMs);
    const { unique, duplicates, lastAt } = sink.delivered('w');
    // Requests still in flight for the last events are part of the cost.
    await sleep(300);
    const requests = sink.collectorRequests(start);
    return {
      delivered: unique,
      duplicates,
      requests: requests.length,
      preflights: requests.filter((r) => r.kind === 'preflight').length,
      bytes: requests.reduce((n, r) => n + r.reqBytes, 0),
      otherEvents: requests.reduce((n, r) => n + r.events - r.keys.length, 0),
      deliveredMs: unique >= count ? lastAt - start : null,
    };
  } finally {
    await context.close();
    await sink.close();
  }
}

/** Events tracked in the same task that navigates to another origin: how many arrive. */
export async function measureUnload({ browser, userAgent, sdk, dir, count = 20, waitMs = 2000 }) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  try {
    const page = await openReady(context, sink);
    await sleep(1000);
    await page.evaluate(
      ([n, away]) => {
        for (let i = 0; i < n; i++) window.__sdk.track('Bench Event', { bk: `u${i}`, plan: 'pro', value: i });
        location.href = away;
      },
      [count, `${sink.sinkUrl}/away`],
    );
    await page.waitForURL(/\/away$/, { timeout: 10_000 }).catch(() => {});
    await sleep(waitMs);
    const { unique, duplicates } = sink.delivered('u');
    return { delivered: unique, duplicates, of: count };
  } finally {
    await context.close();
    await sink.close();
  }
}

/**
 * Events tracked offline, browser closed while still offline, reopened online with
 * the same profile; the reopened page tracks one event of its own (as a page view
 * would, and as some SDKs need to resume sending). How many of the offline events arrive.
 */
export async function measureOffline({ userAgent, sdk, dir, count = 50, waitMs = 12_000 }) {
  const sink = await startSink({ sdk, dir });
  const profile = await mkdtemp(join(tmpdir(), `pulse-bench-${sdk.id}-`));
  try {
    let context = await launchPersistent(profile, userAgent);
    const page = await openReady(context, sink);
    await sleep(500);
    await context.setOffline(true);
    await trackAll(page, 'o', count);
    await sleep(2000);
    // Closed as a user closes the tab (unload handlers run), then the browser quits.
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await Promise.race([closed, sleep(5000)]);
    await context.close();
    const whileOffline = sink.delivered('o').unique;

    context = await launchPersistent(profile, userAgent);
    try {
      const reopened = await openReady(context, sink);
      await trackAll(reopened, 'reopen', 1);
      await until(() => sink.delivered('o').unique >= count, waitMs);
      await sleep(300);
    } finally {
      await context.close();
    }
    const { unique, duplicates } = sink.delivered('o');
    return { delivered: unique, duplicates, of: count, whileOffline };
  } finally {
    await sink.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** The collector answers 503 for `downMs`, then 200: how many of `count` events arrive, and when. */
export async function measureStorm({ browser, userAgent, sdk, dir, count = 100, downMs = 5000, waitMs = 15_000 }) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  try {
    const page = await openReady(context, sink);
    await sleep(1000);
    const start = Date.now();
    sink.state.failUntil = start + downMs;
    await trackAll(page, 's', count);
    await until(() => sink.delivered('s').unique >= count, downMs + waitMs);
    await sleep(300);
    const { unique, duplicates, lastAt } = sink.delivered('s');
    const refused = sink.collectorRequests(start).filter((r) => r.status === 503).length;
    return {
      delivered: unique,
      duplicates,
      of: count,
      fullMs: unique >= count ? lastAt - start : null,
      lastMs: lastAt ? lastAt - start : null,
      refusedRequests: refused,
    };
  } finally {
    await context.close();
    await sink.close();
  }
}

/**
 * A backlog: `count` events tracked offline (in tasks of `perTask`), time for the SDK to
 * store them, then back online. How many arrive, how long after going online the last
 * one did, duplicates, and the long tasks while draining. Timing-sensitive: run alone.
 */
export async function measureDrain({ browser, userAgent, sdk, dir, count = 10_000, perTask = 100, waitMs = 10_000 }) {
  const sink = await startSink({ sdk, dir });
  const context = await browser.newContext({ userAgent });
  try {
    const page = await openReady(context, sink);
    await sleep(500);
    await context.setOffline(true);
    const tracked = await page.evaluate(
      async ([n, per]) => {
        let i = 0;
        while (i < n) {
          for (const end = Math.min(n, i + per); i < end; i++) {
            window.__sdk.track('Bench Event', { bk: `d${i}`, plan: 'pro', value: i });
          }
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        return i;
      },
      [count, perTask],
    );
    await sleep(3000); // the SDK stores its queue
    const from = await page.evaluate(() => performance.now());
    const start = Date.now();
    await context.setOffline(false);
    await until(() => sink.delivered('d').unique >= count, waitMs);
    const { unique, duplicates, lastAt } = sink.delivered('d');
    await sleep(300);
    const longTasks = await page.evaluate((t) => window.__longTasks.filter((x) => x.start >= t), from);
    const requests = sink.collectorRequests(start).filter((r) => r.kind === 'ingest');
    return {
      tracked,
      delivered: unique,
      duplicates,
      of: count,
      fullMs: unique >= count ? lastAt - start : null,
      requests: requests.length,
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
    };
  } finally {
    await context.close();
    await sink.close();
  }
}
