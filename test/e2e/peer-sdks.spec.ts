import { expect, test, type Page } from '@playwright/test';
import type { PulseConfig } from '@pulse/core';
import { startDroppingProxy } from '../support/dropping-proxy.js';
import { PEER_IDS, startPeerSite, type PeerId, type PeerSite } from '../support/peer-site.js';
import { startRealCollector, type RealCollector } from '../support/real-collector.js';

// Segment's and RudderStack's own browser SDKs (their npm packages, bundled now)
// on a site whose origin differs from the collector's, the collector in
// production mode with the site in allowedOrigins. What the collector stored is
// the truth. See docs/collector.md "Segment and RudderStack SDKs".

interface PeerWindow {
  peer: {
    track(event: string, properties?: Record<string, unknown>): unknown;
    identify(userId: string, traits?: Record<string, unknown>): unknown;
    page(): unknown;
  };
  peerReady?: boolean;
  peerError?: string;
}

const WRITE_KEY = 'pk_e2e';

/** Points: 5 per invite, 4 per project, 1 per page view, out of 100: the score is the points. */
function configFor(origin: string): PulseConfig {
  return {
    models: [
      {
        id: 'peers',
        windowDays: 30,
        signals: [
          { id: 'invites', event: 'Teammate Invited', weight: 5 },
          { id: 'projects', event: 'Project Created', weight: 4 },
          { id: 'pages', event: '$page', weight: 1 },
        ],
        scale: { maxPoints: 100 },
        bands: [
          { id: 'low', min: 0 },
          { id: 'medium', min: 20 },
          { id: 'high', min: 50 },
        ],
      },
    ],
    nudges: [],
    allowedOrigins: [origin],
  };
}

/** Load options per peer: fast retries where the SDK allows it, and each one's unload transport. */
const SETUPS: Record<PeerId, { retry: Record<string, unknown>; unload: Record<string, unknown> }> = {
  // analytics-next's per-event retries wait 1–2 s, then 2–4 s (not configurable).
  segment: {
    retry: {},
    unload: { segmentio: { deliveryStrategy: { strategy: 'batching', config: { size: 100, timeout: 600_000 } } } },
  },
  rudderstack: {
    retry: { options: { queueOptions: { minRetryDelay: 100, maxRetryDelay: 400, backoffJitter: 0 } } },
    unload: { options: { useBeacon: true, beaconQueueOptions: { maxItems: 100, flushQueueInterval: 600_000 } } },
  },
};

const HOUR = 3_600_000;

/** An init script: the page's `Date` runs `offset` ms off (a visitor's wrong clock); timers are untouched. */
function skewClock(offset: number): void {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  window.Date = SkewedDate as DateConstructor;
}

let site: PeerSite;
let real: RealCollector;

test.beforeAll(async () => {
  site = await startPeerSite();
});
test.afterAll(() => site.close());
test.beforeEach(async () => {
  real = await startRealCollector({ dev: false, config: configFor(site.url) });
});
test.afterEach(() => real.close());

/** Opens a site page with peer `id` sending to `host`; resolves to the URLs the page requests from then on. */
async function open(page: Page, id: PeerId, host: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (r) => void requested.push(r.url()));
  await page.goto(site.page(id, { host, writeKey: WRITE_KEY, ...extra }));
  await page.waitForFunction(
    () => {
      const w = window as unknown as PeerWindow;
      return w.peerReady === true || w.peerError !== undefined;
    },
    undefined,
    { timeout: 15_000 },
  );
  expect(await page.evaluate(() => (window as unknown as PeerWindow).peerError)).toBeUndefined();
  return requested;
}

/**
 * An anonymous invite, then identify, a page view, three projects and a second
 * invite: 7 events. Resolves once the SDK has taken them all (Segment's calls
 * return promises that settle after the first delivery attempt; RudderStack's return nothing).
 */
async function journey(page: Page, userId: string): Promise<void> {
  await page.evaluate(async (userId) => {
    const { peer } = window as unknown as PeerWindow;
    await Promise.all([
      peer.track('Teammate Invited', { i: 0 }),
      peer.identify(userId, { plan: 'pro' }),
      peer.page(),
      ...[1, 2, 3].map((i) => peer.track('Project Created', { i })),
      peer.track('Teammate Invited', { i: 4 }),
    ]);
  }, userId);
}

const JOURNEY = [
  'identify',
  'page',
  'track Project Created 1',
  'track Project Created 2',
  'track Project Created 3',
  'track Teammate Invited 0',
  'track Teammate Invited 4',
];

/** Each stored row as `type [event i]`, sorted: the journey once each means exactly once. */
async function storedRows(): Promise<string[]> {
  const rows = await real.stored();
  return rows
    .map((row) => {
      const e = JSON.parse(row.body) as { type: string; event?: string; properties?: { i?: number } };
      return e.type === 'track' ? `track ${e.event} ${e.properties?.i}` : e.type;
    })
    .sort();
}

async function stateOf(userId: string): Promise<{ score: number; band: string }> {
  const res = await fetch(`${real.url}/v1/users/${userId}/state`, { headers: { authorization: 'Bearer sk_e2e' } });
  return (await res.json()) as { score: number; band: string };
}

for (const id of PEER_IDS) {
  test(`${id}: every event is stored once, at the right time, and scored as the model says`, async ({ page }) => {
    await page.addInitScript(skewClock, -HOUR);
    const requested = await open(page, id, real.url);
    await journey(page, `${id}-user`);
    await expect.poll(storedRows, { timeout: 15_000 }).toEqual(JOURNEY);
    // Nothing from a third party (a CDN): only the site and the collector.
    expect(new Set(requested.map((url) => new URL(url).origin))).toEqual(new Set([site.url, real.url]));
    // The page's clock is an hour slow: the collector corrects each client time by the SDK's sentAt.
    for (const row of await real.stored()) {
      const e = JSON.parse(row.body) as { timestamp?: string; originalTimestamp?: string };
      const client = Date.parse(e.timestamp ?? e.originalTimestamp ?? '');
      expect(Math.abs(row.at - client - HOUR), row.body).toBeLessThan(10_000);
    }
    // 2 invites × 5 + 3 projects × 4 + 1 page view: 23 points of 100 (the anonymous invite counts after identify).
    expect(await stateOf(`${id}-user`)).toMatchObject({ score: 23, band: 'medium' });
  });
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${real.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.slice(name.length + 1));
}

/** Where each SDK's unload transport posts: Segment's batching dispatcher, RudderStack's beacon queue. */
const UNLOAD_ROUTE: Record<PeerId, string> = { segment: '/v1/b', rudderstack: '/beacon/v1/batch' };

/** Each SDK's retry header, on every attempt after the first. */
const RETRY_HEADER: Record<PeerId, string> = { segment: 'x-retry-count', rudderstack: 'rsa-retry-attempt' };

for (const id of PEER_IDS) {
  test(`${id}: its own retries deliver once when the first three answers are lost`, async ({ page }) => {
    const proxy = await startDroppingProxy(real.url, 3);
    try {
      await open(page, id, proxy.url, SETUPS[id].retry);
      await journey(page, `${id}-user`);
      // Both SDKs send each event on its own here: 7 requests, each answered on its fourth attempt.
      await expect.poll(() => proxy.answered(), { timeout: 30_000 }).toBe(JOURNEY.length);
      expect(await storedRows()).toEqual(JOURNEY);
      expect(await stateOf(`${id}-user`)).toMatchObject({ score: 23, band: 'medium' });
      const perRequest = new Map<string, string[]>();
      for (const a of proxy.attempts) {
        perRequest.set(a.key, [...(perRequest.get(a.key) ?? []), String(a.headers[RETRY_HEADER[id]])]);
      }
      expect([...perRequest.values()]).toEqual(JOURNEY.map(() => ['undefined', '1', '2', '3']));
      // The first attempt stored each event; the three retries were acknowledged as duplicates.
      expect(await metric('pulse_events_duplicate_total')).toBe(3 * JOURNEY.length);
      expect(await metric(`pulse_ingest_retries_total{client="${id}"}`)).toBe(3 * JOURNEY.length);
    } finally {
      await proxy.close();
    }
  });
}

for (const id of PEER_IDS) {
  for (const leave of ['navigation', 'close'] as const) {
    test(`${id}: events still queued when the page goes away (${leave}) are delivered by its unload path`, async ({
      page,
    }) => {
      await open(page, id, real.url, SETUPS[id].unload);
      await journey(page, `${id}-user`);
      // Held in the SDK's batch (100 events or 10 minutes): nothing is sent while the page stays.
      await page.waitForTimeout(300);
      expect(await storedRows()).toEqual([]);
      if (leave === 'navigation') await page.goto(`${site.url}/away`);
      else await page.close({ runBeforeUnload: true });
      await expect.poll(storedRows, { timeout: 10_000 }).toEqual(JOURNEY);
      expect(await stateOf(`${id}-user`)).toMatchObject({ score: 23, band: 'medium' });
      const route = `pulse_http_request_duration_seconds_count{method="POST",route="${UNLOAD_ROUTE[id]}",status="200"}`;
      expect(await metric(route)).toBeGreaterThan(0);
    });
  }
}
