// The cost of track() in headless Chromium: 10,000 calls in a row, timed in the page
// with performance.now(). track() only records the call (time, page, fields); the event
// is built, serialised and written to IndexedDB once per task, off the hot path, and
// that is reported separately.
//
//   node bench/tracker/track-cost.mjs
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';

const CALLS = 10_000;
const RUNS = 5;
const CHROMIUM = process.env.PULSE_BENCH_CHROMIUM ?? '/usr/bin/chromium';

const entry = fileURLToPath(new URL('../../packages/tracker/src/index.ts', import.meta.url));
const bundle = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  conditions: ['source'],
  define: { __PULSE_DEV__: 'false' },
});
const script = bundle.outputFiles[0].text;

// The SaaS test fixture (TypeScript, types only from @pulse/core), bundled like the tracker.
const fixture = await build({
  entryPoints: [fileURLToPath(new URL('../../packages/core/test/saas-config.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  write: false,
});
const { inviteModel, SAAS_MILESTONES, SAAS_SIGNALS } = await import(
  `data:text/javascript,${encodeURIComponent(fixture.outputFiles[0].text)}`
);
// DESIGN's first signal and a capped one per benchmark event, out of 100 points.
const config = {
  models: [
    {
      ...inviteModel(),
      signals: [SAAS_SIGNALS[0], { id: 'bench', event: 'Bench Event', weight: 1, cap: 50 }],
      milestones: [SAAS_MILESTONES[0]],
    },
  ],
};

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/tracker.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
  if (path === '/v1/config')
    return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(config));
  if (path.startsWith('/v1/')) {
    req.resume();
    return req.on('end', () =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":0,"duplicates":0,"rejected":[]}'),
    );
  }
  res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>bench</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** One run in a fresh page: returns the loop time and the time until the queue write committed. */
async function run(withState, n) {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const result = await page.evaluate(
    async ({ calls, withState, n }) => {
      const { createTracker, provisionalState } = await import('/tracker.js');
      const tracker = createTracker({
        writeKey: `pk_bench_${n}_${withState}`,
        host: location.origin,
        flushAt: 1e9, // measure enqueueing, not sending
        flushBytes: 1e12,
        flushInterval: 600_000,
        state: withState ? provisionalState : undefined,
      });
      if (withState) while (tracker.state().source === 'none') await new Promise((r) => setTimeout(r, 10));
      await tracker.flush();
      const start = performance.now();
      for (let i = 0; i < calls; i++) tracker.track('Bench Event', { i, plan: 'pro', path: '/projects/42' });
      const loop = performance.now() - start;
      await tracker.flush(); // resolves once the batched IndexedDB write is in and the batch sent
      const drained = performance.now() - start;
      return { loop, drained, score: tracker.state().user?.score ?? null };
    },
    { calls: CALLS, withState, n },
  );
  await page.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const withState of [false, true]) {
  await run(withState, -1); // warm-up: JIT, IndexedDB
  const runs = [];
  for (let n = 0; n < RUNS; n++) runs.push(await run(withState, n));
  const loop = median(runs.map((r) => r.loop));
  const drained = median(runs.map((r) => r.drained));
  const label = withState ? 'createTracker + provisionalState' : 'createTracker';
  console.log(
    `${label.padEnd(34)} ${CALLS} track(): ${loop.toFixed(1)} ms total, ${((loop * 1000) / CALLS).toFixed(2)} µs per call` +
      ` (median of ${RUNS}; queue written and sent after ${drained.toFixed(0)} ms)`,
  );
}

await browser.close();
server.close();
