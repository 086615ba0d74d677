import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { newPage } from '../test/new-page.js';
import { createTracker } from './create-tracker.js';
import type { Tracker } from './types.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Counts the events the tracker itself saw delivered: tests wait for that, as trackers outlive their test in this page. */
function sentCount(tracker: Tracker): () => number {
  let sent = 0;
  tracker.on('delivery', (r) => (sent += r.kind === 'sent' ? r.count : 0));
  return () => sent;
}

const idle = { flushInterval: 600_000, flushAt: 10_000, flushBytes: 1e9 };

it('on pagehide sends what is queued with a keepalive request', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, ...idle });
  await tracker.flush();
  const sent = sentCount(tracker);
  tracker.track('A');
  tracker.track('B');
  dispatchEvent(new PageTransitionEvent('pagehide'));
  await until(() => sent() === 2);
  expect(collector.batches[0]?.keepalive).toBe(true);
  expect(collector.batches[0]?.gzip).toBe(false); // fetch is called within the event: no time to compress
});

it('on visibilitychange to hidden sends too', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, ...idle });
  await tracker.flush();
  const sent = sentCount(tracker);
  tracker.track('A');
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
  document.dispatchEvent(new Event('visibilitychange'));
  await until(() => sent() === 1);
  expect(collector.batches[0]?.keepalive).toBe(true);
});

it('stays within the 64 KB keepalive budget and leaves the rest queued for the next load', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const tracker = createTracker({ writeKey, host: HOST, ...idle });
  await tracker.flush();
  const sent = sentCount(tracker);
  for (let i = 0; i < 100; i++) tracker.track('Big', { i, pad: 'x'.repeat(1000) });
  dispatchEvent(new PageTransitionEvent('pagehide'));
  dispatchEvent(new PageTransitionEvent('pagehide')); // a second signal must not add a request over the budget
  await until(() => collector.batches.length > 0);
  await new Promise((r) => setTimeout(r, 50));
  expect(collector.batches).toHaveLength(1);
  expect(collector.batches[0]?.bytes).toBeLessThanOrEqual(64_000);
  await until(() => sent() === collector.batches[0]?.events.length);
  newPage(); // a reload
  const next = createTracker({ writeKey, host: HOST });
  await until(() => collector.stored.size === 100);
  await next.flush();
  expect([...collector.received.values()].every((n) => n === 1)).toBe(true);
});

it('does not use unload or beforeunload listeners (they break the back/forward cache)', () => {
  const add = vi.spyOn(window, 'addEventListener');
  createTracker({ writeKey: freshWriteKey(), host: HOST });
  const types = add.mock.calls.map(([type]) => type);
  expect(types).toContain('pagehide');
  expect(types).not.toContain('unload');
  expect(types).not.toContain('beforeunload');
});
