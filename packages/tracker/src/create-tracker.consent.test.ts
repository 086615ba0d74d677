import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { newPage } from '../test/new-page.js';
import { createTracker } from './create-tracker.js';
import { saveIdentity } from './identity.js';
import type { DeliveryReport } from './types.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const storedKeys = (writeKey: string) => Object.keys(localStorage).filter((k) => k.includes(writeKey));
const databases = async () => (await indexedDB.databases()).map((d) => d.name);

it('with requireConsent, stores and sends nothing before consent', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const tracker = createTracker({ writeKey, host: HOST, requireConsent: true });
  tracker.identify('u1', { email: 'ada@example.com' });
  tracker.track('A');
  await tracker.flush();
  expect(collector.batches).toHaveLength(0);
  expect(storedKeys(writeKey)).toEqual([]);
  expect(await databases()).not.toContain(`pulse-${writeKey}`);
});

it('consent(true) sends what was tracked while consent was pending', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, requireConsent: true });
  tracker.track('Before');
  tracker.consent(true);
  tracker.track('After');
  await tracker.flush();
  expect([...collector.stored.values()].map((e) => e.event)).toEqual(['Before', 'After']);
});

it('consent(false) while pending discards the held events with a consent drop', async () => {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, requireConsent: true });
  const reports: DeliveryReport[] = [];
  tracker.on('delivery', (r) => reports.push(r));
  tracker.track('A');
  tracker.consent(false);
  tracker.track('B');
  await tracker.flush();
  expect(collector.batches).toHaveLength(0);
  expect(reports).toEqual([expect.objectContaining({ kind: 'dropped', reason: 'consent', count: 1 })]);
});

it('revoking consent purges the queue, also events earlier pages left, and reports them', async () => {
  const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const earlier = createTracker({ writeKey, host: HOST });
  earlier.track('Earlier page');
  await earlier.flush();
  newPage(); // a reload
  const tracker = createTracker({ writeKey, host: HOST });
  const reports: DeliveryReport[] = [];
  tracker.on('delivery', (r) => reports.push(r));
  tracker.track('This page');
  await tracker.flush();
  tracker.consent(false);
  await until(() => reports.reduce((n, r) => n + r.count, 0) === 2);
  expect(reports.every((r) => r.kind === 'dropped' && r.reason === 'consent')).toBe(true);
  onLine.mockReturnValue(true);
  tracker.consent(true);
  tracker.track('Fresh start');
  await tracker.flush();
  expect([...collector.stored.values()].map((e) => e.event)).toEqual(['Fresh start']);
});

it('revoking consent forgets the anonymous id and remembers the refusal on the next load', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const tracker = createTracker({ writeKey, host: HOST });
  tracker.track('A');
  await tracker.flush();
  const before = collector.batches[0]?.events[0]?.anonymousId;
  tracker.consent(false);
  expect(localStorage.getItem(`pulse:${writeKey}`)).not.toContain(String(before));
  newPage(); // a reload
  const reloaded = createTracker({ writeKey, host: HOST });
  reloaded.track('B');
  await reloaded.flush();
  expect(collector.batches).toHaveLength(1);
});

it('remembers a granted consent on the next load', async () => {
  const collector = installCollector();
  const writeKey = freshWriteKey();
  createTracker({ writeKey, host: HOST, requireConsent: true }).consent(true);
  newPage(); // a reload
  const reloaded = createTracker({ writeKey, host: HOST, requireConsent: true });
  reloaded.track('A');
  await reloaded.flush();
  expect(collector.stored.size).toBe(1);
});

it('events that outlived an interrupted purge are never sent when consent is given again', async () => {
  const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  const collector = installCollector();
  const writeKey = freshWriteKey();
  const before = createTracker({ writeKey, host: HOST });
  before.track('Before revoking');
  await before.flush();
  // The revocation is recorded, but its purge never ran (the page was reloaded at once).
  saveIdentity(`pulse:${writeKey}`, { consent: false });
  newPage(); // a reload
  const tracker = createTracker({ writeKey, host: HOST });
  onLine.mockReturnValue(true);
  tracker.consent(true);
  tracker.track('After granting');
  await tracker.flush();
  await until(() => collector.stored.size > 0);
  expect([...collector.stored.values()].map((e) => e.event)).toEqual(['After granting']);
});
