import { expect, test, type Page } from '@playwright/test';
import { startSink, type Sink } from '../support/sink.js';

let sink: Sink;

test.beforeEach(async ({ context }) => {
  sink = await startSink();
  // Full jitter at its midpoint, so backoff delays are base·2^(n−1)/2 and comparable.
  await context.addInitScript(() => (Math.random = () => 0.5));
});

test.afterEach(async () => {
  await sink.close();
});

async function open(page: Page, init: Record<string, unknown>): Promise<void> {
  sink.trackerPage('/', { flushAt: 1000, flushInterval: 60_000, ...init });
  await page.goto(`${sink.url}/`);
  await page.waitForFunction(() => !Array.isArray((window as { pulse?: unknown }).pulse));
}

async function track(page: Page, n: number, extra: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    ([n, extra]) => {
      for (let i = 0; i < n; i++) window.pulse.track('Delivered', { i, ...extra });
      void window.pulse.flush();
    },
    [n, extra] as const,
  );
}

const distinct = () => new Set(sink.events.map((e) => e.messageId)).size;
const gaps = () => sink.requests.slice(1).map((r, i) => r.at - (sink.requests[i]?.at ?? 0));

test('503, 503, 503 then 200: everything delivered, with growing delays', async ({ page }) => {
  let failures = 3;
  sink.respond(() => (failures-- > 0 ? { status: 503 } : undefined));
  await open(page, { retryBase: 400 });
  await page.evaluate(() => {
    const w = window as unknown as { delays: number[] };
    w.delays = [];
    window.pulse.on('delivery', (r) => void (r.kind === 'retried' && w.delays.push(r.delay)));
  });
  await track(page, 5);
  await expect.poll(distinct, { timeout: 10_000 }).toBe(5);
  expect(sink.requests).toHaveLength(4);
  // The delays grow (400·2^(n−1)/2 at the jitter's midpoint), and each was really waited:
  // the gaps between requests are at least that long (more under load, so no upper bound).
  expect(await page.evaluate(() => (window as unknown as { delays: number[] }).delays)).toEqual([200, 400, 800]);
  const [a = 0, b = 0, c = 0] = gaps();
  expect(a).toBeGreaterThanOrEqual(190);
  expect(b).toBeGreaterThanOrEqual(390);
  expect(c).toBeGreaterThanOrEqual(790);
});

test('429 with Retry-After: the next attempt waits for it', async ({ page }) => {
  let limited = true;
  sink.respond(() => (limited ? ((limited = false), { status: 429, headers: { 'Retry-After': '2' } }) : undefined));
  await open(page, { retryBase: 10 });
  await track(page, 3);
  await page.waitForTimeout(300);
  await track(page, 2); // an explicit flush during the wait must not send early
  await expect.poll(distinct, { timeout: 10_000 }).toBe(5);
  expect(gaps()[0]).toBeGreaterThanOrEqual(1990);
});

test('413 splits the batch until every part fits', async ({ page }) => {
  sink.respond((events) => (events.length > 4 ? { status: 413 } : undefined));
  await open(page, {});
  await track(page, 16);
  await expect.poll(distinct).toBe(16);
  const accepted = sink.requests.filter((r) => r.status === 200);
  expect(accepted.every((r) => r.events.length <= 4)).toBe(true);
  expect(accepted.flatMap((r) => r.events)).toHaveLength(16); // each event accepted once: halves, not retries of the whole
});

test('a bad 4xx drops only the named events and never blocks the queue', async ({ page }) => {
  let first = true;
  sink.respond((events) => {
    if (!first) return undefined;
    first = false;
    const bad = events.findIndex((e) => e.properties?.bad === true);
    return {
      status: 400,
      body: { accepted: 0, duplicates: 0, rejected: [{ index: bad, messageId: events[bad]?.messageId, error: 'bad' }] },
    };
  });
  await open(page, {});
  await page.evaluate(() => {
    window.pulse.track('Good', { i: 0 });
    window.pulse.track('Bad', { bad: true });
    window.pulse.track('Good', { i: 1 });
    void window.pulse.flush();
  });
  await expect.poll(() => sink.events.map((e) => e.event)).toEqual(['Good', 'Good']);
  await track(page, 3);
  await expect.poll(distinct).toBe(5);
});

test('a 4xx that names nothing drops the batch; later events still arrive', async ({ page }) => {
  let first = true;
  sink.respond(() => (first ? ((first = false), { status: 403, body: { error: 'forbidden' } }) : undefined));
  await open(page, {});
  await track(page, 2);
  await expect.poll(() => sink.requests.length).toBe(1);
  await track(page, 2, { later: true });
  await expect.poll(distinct).toBe(2);
  expect(sink.events.every((e) => e.properties?.later === true)).toBe(true);
});

test('the queue is capped in bytes: the oldest are dropped and the drop count reaches the collector', async ({
  context,
  page,
}) => {
  await open(page, { maxQueueBytes: 65_536, flushInterval: 100 });
  await context.setOffline(true);
  await page.evaluate(() => {
    for (let i = 0; i < 300; i++) window.pulse.track('Filler', { i, pad: 'x'.repeat(400) });
  });
  await page.waitForTimeout(300);
  await context.setOffline(false);
  await expect.poll(() => sink.diagnostics.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const dropped = (sink.diagnostics[0]?.dropped as { quota?: number }).quota ?? 0;
  expect(dropped).toBeGreaterThan(100);
  await expect.poll(() => distinct() + dropped).toBe(300);
  expect(Math.min(...sink.events.map((e) => e.properties?.i as number))).toBe(dropped); // the oldest went first
});

test('revoking consent purges the queue: nothing queued before it is ever sent', async ({ context, page }) => {
  await open(page, { flushInterval: 100 });
  await context.setOffline(true);
  await track(page, 5);
  await page.evaluate(() => window.pulse.consent(false));
  await context.setOffline(false);
  await page.reload();
  await page.waitForFunction(() => !Array.isArray((window as { pulse?: unknown }).pulse));
  await page.evaluate(() => window.pulse.consent(true));
  await track(page, 1, { after: true });
  await expect.poll(distinct).toBe(1);
  expect(sink.events[0]?.properties?.after).toBe(true);
});

test('with requireConsent nothing is stored or sent until consent is given', async ({ page }) => {
  await open(page, { requireConsent: true, flushInterval: 50 });
  await track(page, 2);
  await page.waitForTimeout(300);
  const stored = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(stored).toEqual({ local: [], databases: [] });
  expect(sink.requests).toHaveLength(0);
  await page.evaluate(() => window.pulse.consent(true));
  await expect.poll(distinct).toBe(2);
});

test('revoking consent in one tab stops every tab; granting in one starts them all', async ({ context }) => {
  sink.trackerPage('/', { requireConsent: true, flushAt: 1, flushInterval: 50 });
  const [a, b] = (await Promise.all([context.newPage(), context.newPage()])) as [Page, Page];
  for (const tab of [a, b]) {
    await tab.goto(`${sink.url}/`);
    await tab.waitForFunction(() => !Array.isArray((window as { pulse?: unknown }).pulse));
  }
  await a.evaluate(() => window.pulse.consent(true));
  await b.evaluate(() => window.pulse.track('Granted elsewhere'));
  await expect.poll(distinct).toBe(1);
  const ids = await Promise.all(
    [a, b].map((tab) => tab.evaluate(() => JSON.parse(localStorage.getItem('pulse:pk_e2e') ?? '{}').anonymousId)),
  );
  expect(ids[0]).toBe(ids[1]);
  await a.evaluate(() => window.pulse.consent(false));
  await b.waitForTimeout(100);
  await b.evaluate(() => window.pulse.track('After revoke'));
  await b.waitForTimeout(500);
  expect(sink.events.map((e) => e.event)).toEqual(['Granted elsewhere']);
});
