import { expect, test, type Page, type Route } from '@playwright/test';
import {
  privateClusterUnavailable,
  startPrivateCluster,
} from '../../packages/collector/test/reliability/postgres-databases.js';
import { startRealCollector, type RealCollector } from '../support/real-collector.js';
import { startSink, type Sink } from '../support/sink.js';
import { queuedEvents, trackerPageFor, trackerReady } from '../support/tracker-page.js';

// Faults between a real tracker in Chromium and the real collector (SQLite,
// from sources): exactly-once is asserted on what the collector stored. The
// sink only serves the pages and the tracker script. See docs/reliability.md "Faults".

let sink: Sink;
let real: RealCollector;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

test.beforeEach(async () => {
  sink = await startSink();
  real = await startRealCollector();
});

test.afterEach(async () => {
  await real.close();
  await sink.close();
});

async function open(page: Page, init: Record<string, unknown>, path = '/'): Promise<void> {
  trackerPageFor(sink, path, real.url, { flushAt: 1000, flushInterval: 600_000, ...init });
  await page.goto(`${sink.url}${path}`);
  await trackerReady(page);
}

function track(page: Page, from: number, to: number): Promise<void> {
  return page.evaluate(
    ([from, to]) => {
      for (let i = from; i < to; i++) window.pulse.track('Fault Work', { i });
    },
    [from, to] as const,
  );
}

/** A route that lets the first batch reach the collector (it commits) but never answers the page. */
function holdFirstAnswer(): { handler: (route: Route) => Promise<void>; committed: Promise<unknown> } {
  let release: (body: unknown) => void = () => undefined;
  const committed = new Promise((resolve) => (release = resolve));
  let first = true;
  return {
    committed,
    async handler(route) {
      if (!first) return route.continue();
      first = false;
      const response = await route.fetch();
      release(await response.json());
      // The answer is never fulfilled: the page closes with this request in flight.
    },
  };
}

test('IndexedDB quota exceeded: events are delivered from memory', async ({ context, page }) => {
  await context.addInitScript(() => {
    for (const method of ['put', 'add'] as const) {
      IDBObjectStore.prototype[method] = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
  });
  await open(page, { flushAt: 8 });
  await page.evaluate(() => {
    const w = window as unknown as { reports: { kind: string; count: number }[] };
    w.reports = [];
    window.pulse.on('delivery', (r) => w.reports.push(r));
  });
  await track(page, 0, 8);
  await expect.poll(() => real.indexes()).toEqual(range(0, 8));
  const dropped = await page.evaluate(() =>
    (window as unknown as { reports: { kind: string; count: number }[] }).reports
      .filter((r) => r.kind === 'dropped')
      .reduce((n, r) => n + r.count, 0),
  );
  expect(dropped).toBe(0); // stored + dropped == tracked, and nothing had to be dropped
  expect(await queuedEvents(page)).toBe(0);
});

test('collector unreachable for five minutes, then back: everything arrives once', async ({ context, page }) => {
  await page.clock.install();
  let refused = 0;
  await context.route(`${real.url}/v1/batch`, (route) => {
    refused += 1;
    return route.abort('connectionrefused');
  });
  await open(page, { flushAt: 10, retryBase: 1000, retryCap: 60_000 });
  await track(page, 0, 10);
  await expect.poll(() => refused).toBeGreaterThan(0);
  for (let minute = 0; minute < 5; minute++) {
    const before = refused;
    await page.clock.runFor(60_000); // the longest backoff is 60 s: a retry is due within each minute
    await expect.poll(() => refused).toBeGreaterThan(before);
  }
  await expect.poll(() => queuedEvents(page)).toBe(10); // still queued, nothing dropped
  await context.unroute(`${real.url}/v1/batch`);
  await expect
    .poll(async () => {
      await page.clock.runFor(60_000);
      return real.indexes();
    })
    .toEqual(range(0, 10));
  expect(refused).toBeGreaterThanOrEqual(6);
  await expect.poll(() => queuedEvents(page)).toBe(0);
});

test('page closed while its flush is in flight: reopened, every event is stored exactly once', async ({
  context,
  page,
}) => {
  const hold = holdFirstAnswer();
  await context.route(`${real.url}/v1/batch`, hold.handler);
  await open(page, { flushAt: 12 });
  await track(page, 0, 12);
  expect(await hold.committed).toMatchObject({ accepted: 12, duplicates: 0 });
  await page.close();
  expect(await real.indexes()).toEqual(range(0, 12)); // committed, though the page never heard so

  const again = await context.newPage();
  await open(again, { flushInterval: 200 });
  await expect.poll(() => queuedEvents(again)).toBe(0); // the resend was answered (as duplicates)
  expect(await real.indexes()).toEqual(range(0, 12));
});

test('page clock a day behind: stored event times are corrected by sentAt', async ({ page }) => {
  const DAY = 86_400_000;
  await page.clock.install({ time: Date.now() - DAY });
  await open(page, { flushAt: 5 });
  await track(page, 0, 5);
  await page.clock.runFor(1000);
  await expect.poll(() => real.indexes()).toEqual(range(0, 5));
  const now = Date.now();
  for (const row of await real.stored()) {
    const body = JSON.parse(row.body) as { timestamp?: string };
    expect(Math.abs(row.at - now)).toBeLessThan(10_000); // real time, within seconds
    expect(Math.abs(Date.parse(body.timestamp ?? '') - (now - DAY))).toBeLessThan(10_000); // the page's wrong time
  }
});

test('two tabs, one closed mid-flush: every event of both is stored exactly once', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  const hold = holdFirstAnswer();
  await a.route(`${real.url}/v1/batch`, hold.handler);
  await open(a, { flushAt: 10 });
  await track(a, 0, 10);
  expect(await hold.committed).toMatchObject({ accepted: 10 });
  // b opens while a's request is in flight and a holds the flush lock. Opened earlier,
  // b's own flush could send a's records first, and a would never send the request held here.
  await open(b, { flushInterval: 200 });
  await a.close(); // its lock and in-flight request go with it; its records stay in the shared queue
  await track(b, 10, 25);
  await expect.poll(() => real.indexes()).toEqual(range(0, 25));
  await expect.poll(() => queuedEvents(b)).toBe(0);
  expect(await real.indexes()).toEqual(range(0, 25));
});

const noCluster = privateClusterUnavailable();
if (noCluster !== null) console.log(`Database-down e2e test not run: ${noCluster}`);

// Only where a private PostgreSQL cluster can run (CI): the shared server is never stopped.
if (noCluster === null)
  test('database down: 503 + Retry-After, the tracker waits and delivers everything once it is back', async ({
    page,
  }) => {
    const cluster = await startPrivateCluster();
    const pgReal = await startRealCollector({ db: cluster.url });
    try {
      const answers: number[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('/v1/batch')) answers.push(r.status());
      });
      await page.clock.install();
      trackerPageFor(sink, '/pg', pgReal.url, { flushAt: 6, flushInterval: 600_000 });
      await page.goto(`${sink.url}/pg`);
      await trackerReady(page);
      cluster.stop();
      await track(page, 0, 6);
      await expect.poll(() => answers).toEqual([503]);
      await page.clock.runFor(3000);
      expect(answers).toEqual([503]); // Retry-After: 5 is honoured
      cluster.start();
      await expect
        .poll(async () => {
          await page.clock.runFor(2000);
          return pgReal.indexes();
        })
        .toEqual(range(0, 6));
      // The stored events can show before the page has seen the answer: wait for that too.
      await expect.poll(() => answers.filter((s) => s !== 503)).toEqual([200]);
      await expect.poll(() => queuedEvents(page)).toBe(0);
    } finally {
      await pgReal.close();
      cluster.destroy();
    }
  });
