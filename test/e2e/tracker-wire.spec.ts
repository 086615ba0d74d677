import { expect, test, type Page } from '@playwright/test';
import { startRealCollector, type RealCollector } from '../support/real-collector.js';
import { startSink, type Sink } from '../support/sink.js';
import { queuedEvents, trackerPageFor, trackerReady } from '../support/tracker-page.js';

// What the tracker puts on the wire (gzip, or plain JSON without CompressionStream),
// decoded by the real collector; and how fast a backlog drains, exactly once.
// See docs/tracker.md "On the wire".

let sink: Sink;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const distinct = () => new Set(sink.events.map((e) => e.messageId)).size;

test.beforeEach(async () => {
  sink = await startSink();
});

test.afterEach(async () => {
  await sink.close();
});

function track(page: Page, from: number, to: number, name = 'Wire Work'): Promise<void> {
  return page.evaluate(
    ([from, to, name]) => {
      for (let i = from; i < to; i++) window.pulse.track(name, { i, plan: 'pro', page: '/projects/kanban' });
      void window.pulse.flush();
    },
    [from, to, name] as const,
  );
}

/**
 * Records what the page passes to `fetch` for `/v1/batch`: a Blob's first two bytes and
 * type, or a string's first character. (Playwright's request events miss keepalive
 * requests and Blob bodies, so the page itself reports them.)
 */
async function recordBodies(page: Page): Promise<() => Promise<unknown[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __bodies: Promise<unknown>[] };
    const original = window.fetch;
    w.__bodies = [];
    window.fetch = (input, init) => {
      const body = init?.body;
      if (String(input).endsWith('/v1/batch'))
        w.__bodies.push(
          body instanceof Blob
            ? body.arrayBuffer().then((b) => ({ blob: [...new Uint8Array(b).slice(0, 2)], type: body.type }))
            : Promise.resolve({ text: String(body).slice(0, 1) }),
        );
      return original(input, init);
    };
  });
  return () => page.evaluate(() => Promise.all((window as unknown as { __bodies: Promise<unknown>[] }).__bodies));
}

/** Each event a 2xx acknowledged more than once (a 503'd attempt is not a delivery). */
const acknowledgedTwice = () => {
  const ids = sink.requests.filter((r) => r.status === 200).flatMap((r) => r.events.map((e) => e.messageId));
  return ids.filter((id, k) => ids.indexOf(id) !== k);
};

test.describe('with the real collector', () => {
  let real: RealCollector;
  test.beforeEach(async () => {
    real = await startRealCollector();
  });
  test.afterEach(async () => {
    await real.close();
  });

  test('batches go gzip, CORS-simple, and the collector stores every event', async ({ page }) => {
    const bodies = await recordBodies(page);
    trackerPageFor(sink, '/', real.url, { flushAt: 1000, flushInterval: 600_000 });
    await page.goto(`${sink.url}/`);
    await trackerReady(page);
    await track(page, 0, 300);
    await expect.poll(() => real.indexes()).toEqual(range(0, 300));
    // gzip magic bytes, and an untyped Blob: no Content-Type, no Content-Encoding, no preflight.
    expect(await bodies()).toEqual([{ blob: [0x1f, 0x8b], type: '' }]);
    await expect.poll(() => queuedEvents(page)).toBe(0); // every batch acknowledged
  });

  test('without CompressionStream the batches go as plain JSON and still all arrive', async ({ context, page }) => {
    await context.addInitScript(() => delete (globalThis as { CompressionStream?: unknown }).CompressionStream);
    const bodies = await recordBodies(page);
    trackerPageFor(sink, '/', real.url, { flushAt: 1000, flushInterval: 600_000 });
    await page.goto(`${sink.url}/`);
    await trackerReady(page);
    expect(await page.evaluate(() => typeof (globalThis as { CompressionStream?: unknown }).CompressionStream)).toBe(
      'undefined',
    );
    await track(page, 0, 40);
    await expect.poll(() => real.indexes()).toEqual(range(0, 40));
    expect(await bodies()).toEqual([{ text: '{' }]);
  });
});

test('1,000 events cost at most 55 KB of request bodies', async ({ page }) => {
  sink.trackerPage('/', { flushAt: 1000, flushInterval: 600_000 });
  await page.goto(`${sink.url}/`);
  await trackerReady(page);
  await track(page, 0, 1000);
  await expect.poll(distinct).toBe(1000);
  const bodies = sink.requests.reduce((n, r) => n + r.bytes, 0);
  expect(sink.requests.every((r) => r.gzip)).toBe(true);
  expect(bodies).toBeLessThanOrEqual(55 * 1024);
});

test('a backlog of 10,000 events drains exactly once when the network returns', async ({ context, page }) => {
  sink.trackerPage('/', {});
  await page.goto(`${sink.url}/`);
  await trackerReady(page);
  await context.setOffline(true);
  await page.evaluate(async () => {
    for (let i = 0; i < 10_000;) {
      for (const end = i + 100; i < end; i++) window.pulse.track('Backlog', { i, plan: 'pro' });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
  await expect.poll(() => queuedEvents(page), { timeout: 20_000 }).toBe(10_000);
  expect(sink.requests).toHaveLength(0);
  const online = Date.now();
  await context.setOffline(false);
  await expect.poll(distinct, { timeout: 30_000 }).toBe(10_000);
  test.info().annotations.push({ type: 'drain', description: `10,000 events in ${Date.now() - online} ms` });
  await expect.poll(() => queuedEvents(page), { timeout: 20_000 }).toBe(0);
  expect(sink.duplicates()).toEqual([]);
  expect(sink.events.map((e) => e.properties?.i)).toEqual(range(0, 10_000)); // oldest first, none lost
});

test('after an outage, once a request succeeds the rest of the queue follows at once', async ({ context, page }) => {
  // Full jitter at its midpoint: the backoff delays are 1 s, 2 s, 4 s…
  await context.addInitScript(() => (Math.random = () => 0.5));
  let failures = 2;
  sink.respond(() => (failures-- > 0 ? { status: 503 } : undefined));
  sink.trackerPage('/', { flushAt: 100_000, flushInterval: 600_000, retryBase: 2000 });
  await page.goto(`${sink.url}/`);
  await trackerReady(page);
  // ~1.5 MB: several batches of at most 500 KB.
  await page.evaluate(() => {
    for (let i = 0; i < 1500; i++) window.pulse.track('Big', { i, pad: `${i}`.padEnd(900, 'x') });
    void window.pulse.flush();
  });
  await expect.poll(distinct, { timeout: 30_000 }).toBe(1500);
  const ok = sink.requests.filter((r) => r.status === 200);
  expect(sink.requests.filter((r) => r.status === 503)).toHaveLength(2);
  expect(ok.length).toBeGreaterThanOrEqual(3);
  // The batches after the first success waited for no backoff of their own (the next would be 4 s).
  const after = ok.slice(1).map((r, k) => r.at - (ok[k]?.at ?? 0));
  expect(Math.max(...after)).toBeLessThan(2000);
  expect(acknowledgedTwice()).toEqual([]);
});

test('a 503 storm: 100 of 100 events arrive once the collector is back, exactly once', async ({ page }) => {
  const until = Date.now() + 3000;
  sink.respond(() => (Date.now() < until ? { status: 503 } : undefined));
  sink.trackerPage('/', { retryBase: 500 });
  await page.goto(`${sink.url}/`);
  await trackerReady(page);
  await track(page, 0, 100);
  await expect.poll(distinct, { timeout: 30_000 }).toBe(100);
  expect(sink.requests.some((r) => r.status === 503)).toBe(true);
  await expect.poll(() => queuedEvents(page)).toBe(0);
  expect(acknowledgedTwice()).toEqual([]);
});

test('offline: 50 events tracked, the tab closed, a new tab online delivers 50 of 50 once', async ({ context }) => {
  sink.trackerPage('/', {});
  const first = await context.newPage();
  await first.goto(`${sink.url}/`);
  await trackerReady(first);
  await context.setOffline(true);
  await track(first, 0, 50);
  await expect.poll(() => queuedEvents(first)).toBe(50);
  await context.newPage(); // keeps the context open: it closes with its last page
  // With runBeforeUnload, close() returns before the page is gone: wait for it, or
  // setOffline below races the closing page.
  const closed = first.waitForEvent('close');
  await first.close({ runBeforeUnload: true });
  await closed;
  expect(distinct()).toBe(0);
  await context.setOffline(false);
  const second = await context.newPage();
  await second.goto(`${sink.url}/`);
  await trackerReady(second);
  await expect.poll(distinct, { timeout: 15_000 }).toBe(50);
  await expect.poll(() => queuedEvents(second)).toBe(0);
  expect(sink.duplicates()).toEqual([]);
});
