import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { newPage } from '../test/new-page.js';
import { createTracker } from './create-tracker.js';
import type { DeliveryReport } from './types.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const pad = 'x'.repeat(400);

it('caps the queue in bytes: drops the oldest, reports quota drops, and delivers the newest', async () => {
  const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, maxQueueBytes: 65_536 });
  const reports: DeliveryReport[] = [];
  tracker.on('delivery', (r) => reports.push(r));
  for (let i = 0; i < 300; i++) tracker.track('Filler', { i, pad });
  await tracker.flush();
  await until(() => reports.some((r) => r.kind === 'dropped'));
  const dropped = reports.filter((r) => r.kind === 'dropped').reduce((n, r) => n + r.count, 0);
  expect(reports.every((r) => r.kind === 'dropped' && r.reason === 'quota')).toBe(true);
  onLine.mockReturnValue(true);
  await tracker.flush();
  const sent = [...collector.stored.values()].map((e) => e.properties?.i as number);
  expect(sent.length + dropped).toBe(300);
  expect(Math.min(...sent)).toBe(dropped); // exactly the oldest were dropped
  expect(sent.length * 500).toBeLessThan(65_536 + 500);
});

it('reports its drop counts to the collector after the next delivery', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
  collector.reply({ status: 403 });
  tracker.track('Refused');
  await tracker.flush();
  tracker.track('Accepted');
  await tracker.flush();
  await until(() => collector.diagnostics.length > 0);
  expect(collector.diagnostics[0]).toMatchObject({ dropped: { rejected: 1 }, library: { name: '@pulse/tracker' } });
});

it('keeps working in memory when IndexedDB is unavailable', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
  tracker.track('A');
  tracker.track('B');
  await tracker.flush();
  expect([...collector.stored.values()].map((e) => e.event)).toEqual(['A', 'B']);
});

it('two tabs tracking and flushing at once: every event is sent exactly once', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  // Two trackers on one write key share the IndexedDB queue and the flush lock, as two tabs do.
  const tabs = [
    createTracker({ writeKey, host: HOST, flushAt: 7 }),
    (newPage(), createTracker({ writeKey, host: HOST, flushAt: 5 })), // another tab
  ];
  for (let i = 0; i < 60; i++) {
    tabs[i % 2]?.track('Tick', { i });
    if (i % 10 === 0) void tabs[(i / 10) % 2]?.flush();
  }
  await Promise.all(tabs.map((t) => t.flush()));
  await Promise.all(tabs.map((t) => t.flush()));
  expect(collector.stored.size).toBe(60);
  expect([...collector.received.values()].every((n) => n === 1)).toBe(true);
});
