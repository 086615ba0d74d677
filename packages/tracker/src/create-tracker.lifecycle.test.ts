import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { createTracker } from './create-tracker.js';
import { provisionalState } from './provisional-state.js';
import type { Tracker } from './types.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const idle = { flushInterval: 600_000, flushAt: 10_000, flushBytes: 1e9 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const storedEvents = (collector: ReturnType<typeof installCollector>) =>
  [...collector.stored.values()].map((e) => e.event ?? e.type);

it('returns the live tracker for the same write key and host, and warns once', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  installCollector();
  const writeKey = freshWriteKey();
  const first = createTracker({ writeKey, host: HOST });
  expect(createTracker({ writeKey, host: HOST, flushAt: 1 })).toBe(first);
  expect(createTracker({ writeKey, host: HOST })).toBe(first);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]?.[0])).toMatch(/tracker-exists.*already runs in this page/);
});

it('starts separate trackers for another write key or another host', () => {
  installCollector();
  const writeKey = freshWriteKey();
  const first = createTracker({ writeKey, host: HOST });
  expect(createTracker({ writeKey: freshWriteKey(), host: HOST })).not.toBe(first);
  expect(createTracker({ writeKey, host: 'https://other.test' })).not.toBe(first);
});

it('a module run twice (hot reload, a React effect in StrictMode) records an event once', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const run = () => createTracker({ writeKey, host: HOST, ...idle });
  run().track('Project Created');
  const again = run();
  await again.flush();
  expect(storedEvents(collector)).toEqual(['Project Created']);
  expect([...collector.received.values()]).toEqual([1]);
});

it('destroy() sends what was tracked and what was still queued', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, ...idle });
  tracker.track('A');
  await tracker.flush();
  collector.batches.length = 0;
  tracker.track('B'); // built in a microtask: destroy() must not lose it
  await tracker.destroy();
  expect(storedEvents(collector).sort()).toEqual(['A', 'B']);
});

it('a destroyed tracker does nothing, answers with no state and throws nowhere', async () => {
  const collector = installCollector();
  const tracker: Tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState });
  await tracker.destroy();
  const count = collector.batches.length;
  tracker.identify('u1', { plan: 'pro' }, { userToken: 't' });
  tracker.track('After');
  tracker.page();
  tracker.group('g1');
  tracker.consent(false);
  const off = tracker.on('state', () => undefined);
  expect(off).toBeTypeOf('function');
  expect(tracker.state()).toEqual({ source: 'none', config: null, user: null, scores: {} });
  await tracker.flush();
  await tracker.destroy();
  await sleep(50);
  expect(collector.batches).toHaveLength(count);
});

it('a destroyed tracker no longer listens to the page: pagehide sends nothing', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, ...idle });
  tracker.track('A');
  await tracker.destroy();
  const count = collector.batches.length;
  dispatchEvent(new PageTransitionEvent('pagehide'));
  dispatchEvent(new Event('online'));
  await sleep(50);
  expect(collector.batches).toHaveLength(count);
});

it('a destroyed tracker retries nothing: its events wait in the queue for the next tracker', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  collector.reply({ status: 503 });
  const tracker = createTracker({ writeKey, host: HOST, retryBase: 5, retryCap: 10 });
  tracker.track('A');
  await tracker.destroy();
  const count = collector.batches.length;
  await sleep(150); // a live tracker would have retried several times by now
  expect(collector.batches).toHaveLength(count);
  collector.reply({ status: 200 });
  const next = createTracker({ writeKey, host: HOST });
  expect(next).not.toBe(tracker);
  await next.flush();
  await until(() => collector.stored.size === 1);
  expect(storedEvents(collector)).toEqual(['A']);
});

it('after destroy() a new tracker counts each event once, and old state listeners stay silent', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const first = createTracker({ writeKey, host: HOST, state: provisionalState, ...idle });
  const heard = vi.fn();
  first.on('state', heard);
  first.track('A');
  await first.destroy();
  heard.mockClear();
  const second = createTracker({ writeKey, host: HOST, state: provisionalState, ...idle });
  const live = vi.fn();
  second.on('state', live);
  second.track('B');
  await second.flush();
  await until(() => live.mock.calls.length > 0);
  expect(heard).not.toHaveBeenCalled();
  expect(storedEvents(collector).sort()).toEqual(['A', 'B']);
  expect([...collector.received.values()].every((n) => n === 1)).toBe(true);
});
