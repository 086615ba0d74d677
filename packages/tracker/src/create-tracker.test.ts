import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { newPage } from '../test/new-page.js';
import { createTracker } from './create-tracker.js';
import { TrackerOptionsError } from './tracker-options.js';
import type { DeliveryReport } from './types.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createTracker', () => {
  it('throws a TrackerOptionsError naming the field for a missing write key', () => {
    expect(() => createTracker({ writeKey: '' })).toThrow(TrackerOptionsError);
    expect(() => createTracker({ writeKey: '' })).toThrow(/^writeKey/);
  });

  it('throws for a host that is not an http(s) origin', () => {
    expect(() => createTracker({ writeKey: 'k', host: 'collector.test' })).toThrow(/^host/);
  });

  it('sends a track event with messageId, timestamp, anonymousId, context and properties', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.track('Project Created', { template: 'kanban' });
    await tracker.flush();
    const [event] = collector.batches[0]?.events ?? [];
    expect(event).toMatchObject({ type: 'track', event: 'Project Created', properties: { template: 'kanban' } });
    expect(event?.messageId).toMatch(UUID_V7);
    expect(Date.parse(event?.timestamp ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(event?.anonymousId).toMatch(UUID_V7);
    expect(event?.context).toMatchObject({ library: { name: '@pulse/tracker' }, page: { path: location.pathname } });
  });

  it("carries the identity token on an identified user's events, and on no one else's", async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.track('Anonymous');
    tracker.identify('u1', {}, { userToken: 'token-u1' });
    tracker.track('Signed In');
    tracker.identify('u2');
    tracker.track('Other User');
    await tracker.flush();
    const tokens = (collector.batches[0]?.events ?? []).map((e) => [e.event ?? e.type, e.userToken]);
    expect(tokens).toEqual([
      ['Anonymous', undefined],
      ['identify', 'token-u1'],
      ['Signed In', 'token-u1'],
      ['identify', undefined],
      ['Other User', undefined],
    ]);
  });

  it('posts gzip with no content type (CORS-simple), the write key and sentAt in the body', async () => {
    const collector = installCollector();
    const writeKey = freshWriteKey();
    const tracker = createTracker({ writeKey, host: HOST });
    for (let i = 0; i < 50; i++) tracker.track('A', { i, plan: 'pro' });
    await tracker.flush();
    const [batch] = collector.batches;
    expect(batch?.gzip).toBe(true);
    expect(batch?.contentType).toBeNull();
    expect(batch?.bytes).toBeLessThan((batch?.jsonBytes ?? 0) / 4);
    expect(batch?.writeKey).toBe(writeKey);
    expect(Date.parse(batch?.sentAt ?? '')).toBeGreaterThan(0);
  });

  it('posts plain JSON as text/plain where the browser has no CompressionStream', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.track('A');
    await tracker.flush();
    expect(collector.batches[0]?.gzip).toBe(false);
    expect(collector.batches[0]?.contentType).toMatch(/^text\/plain/);
    expect(collector.stored.size).toBe(1);
  });

  it('stamps timestamps from the monotonic clock even when the wall clock goes back', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.track('First');
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 3_600_000);
    tracker.track('Second');
    vi.mocked(Date.now).mockRestore();
    await tracker.flush();
    const [first, second] = collector.batches[0]?.events ?? [];
    expect(Date.parse(second?.timestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(first?.timestamp ?? ''));
    expect((second?.messageId ?? '') > (first?.messageId ?? '')).toBe(true);
  });

  it('identify sets the user id on later events and sends merged traits', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.identify('u1', { plan: 'trial' });
    tracker.identify('u1', { name: 'Ada' });
    tracker.track('A');
    await tracker.flush();
    const events = collector.batches.flatMap((b) => b.events);
    expect(events[1]).toMatchObject({ type: 'identify', userId: 'u1', traits: { plan: 'trial', name: 'Ada' } });
    expect(events[2]).toMatchObject({ type: 'track', userId: 'u1' });
  });

  it('keeps the anonymous id across page loads (a second tracker on the same key)', async () => {
    const collector = installCollector();
    const writeKey = freshWriteKey();
    createTracker({ writeKey, host: HOST }).track('A');
    newPage(); // a reload
    const again = createTracker({ writeKey, host: HOST });
    again.track('B');
    await again.flush();
    const ids = new Set(collector.batches.flatMap((b) => b.events).map((e) => e.anonymousId));
    expect(ids.size).toBe(1);
  });

  it('reset forgets the user and starts a new anonymous id', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.identify('u1');
    tracker.track('Before');
    tracker.reset();
    tracker.track('After');
    await tracker.flush();
    const events = collector.batches.flatMap((b) => b.events);
    const before = events.find((e) => e.event === 'Before');
    const after = events.find((e) => e.event === 'After');
    expect(after?.userId).toBeUndefined();
    expect(after?.anonymousId).not.toBe(before?.anonymousId);
  });

  it('page sends Segment page properties and the name', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.page('Settings', { tab: 'billing' });
    await tracker.flush();
    expect(collector.batches[0]?.events[0]).toMatchObject({
      type: 'page',
      name: 'Settings',
      properties: { path: location.pathname, url: location.href, title: document.title, tab: 'billing' },
    });
  });

  it('group and alias send their Segment fields', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.identify('u1');
    tracker.group('acme', { plan: 'team' });
    tracker.alias('u1-new');
    await tracker.flush();
    const events = collector.batches.flatMap((b) => b.events);
    expect(events[1]).toMatchObject({ type: 'group', groupId: 'acme', traits: { plan: 'team' }, userId: 'u1' });
    expect(events[2]).toMatchObject({ type: 'alias', previousId: 'u1', userId: 'u1-new' });
  });

  it('register adds super properties to track and page', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.register({ app: 'web' });
    tracker.track('A', { x: 1 });
    tracker.page();
    await tracker.flush();
    const [track, page] = collector.batches[0]?.events ?? [];
    expect(track?.properties).toEqual({ app: 'web', x: 1 });
    expect(page?.properties).toMatchObject({ app: 'web' });
  });

  it('gives each event a session id that stays the same within 30 minutes', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.track('A');
    tracker.track('B');
    await tracker.flush();
    const [a, b] = collector.batches[0]?.events ?? [];
    expect(a?.context?.sessionId).toBeGreaterThan(0);
    expect(b?.context?.sessionId).toBe(a?.context?.sessionId);
  });
});

describe('middleware', () => {
  it('can enrich an event', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.use((e) => ({ ...e, properties: { ...e.properties, enriched: true } }));
    tracker.track('A');
    await tracker.flush();
    expect(collector.batches[0]?.events[0]?.properties).toEqual({ enriched: true });
  });

  it('drops an event by returning null', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.use((e) => (e.event === 'Secret' ? null : undefined));
    tracker.track('Secret');
    tracker.track('Public');
    await tracker.flush();
    expect(collector.batches.flatMap((b) => b.events).map((e) => e.event)).toEqual(['Public']);
  });

  it('skips a middleware that throws and still tracks', async () => {
    const collector = installCollector();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    tracker.use(() => {
      throw new Error('boom');
    });
    tracker.use((e) => void (e.properties = { after: true }));
    tracker.track('A');
    await tracker.flush();
    expect(collector.batches[0]?.events[0]?.properties).toEqual({ after: true });
  });
});

describe('a call only records what it must', () => {
  it('builds the event after the call, before the task ends (middlewares run then)', async () => {
    installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    const seen: string[] = [];
    tracker.use((event) => {
      seen.push(event.event ?? event.type);
      return event;
    });
    tracker.track('A');
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(['A']);
  });

  it('keeps the page, the properties and the user as they were at the call', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    const before = location.pathname;
    const properties = { plan: 'trial' };
    tracker.track('Before Navigation', properties);
    properties.plan = 'changed after the call';
    history.pushState(null, '', '/elsewhere-in-the-app');
    tracker.identify('u9');
    tracker.track('After Navigation');
    history.pushState(null, '', before);
    await tracker.flush();
    const events = collector.batches.flatMap((b) => b.events);
    const first = events.find((e) => e.event === 'Before Navigation');
    const last = events.find((e) => e.event === 'After Navigation');
    expect(first).toMatchObject({ properties: { plan: 'trial' }, context: { page: { path: before } } });
    expect(first?.userId).toBeUndefined();
    expect(last).toMatchObject({ userId: 'u9', context: { page: { path: '/elsewhere-in-the-app' } } });
  });

  it('drops for consent an event tracked in the same task as a revocation, and never sends it', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    const reports: DeliveryReport[] = [];
    tracker.on('delivery', (r) => reports.push(r));
    tracker.track('Just Before Revoking');
    tracker.consent(false);
    await tracker.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(collector.batches.flatMap((b) => b.events)).toEqual([]);
    expect(reports).toContainEqual(expect.objectContaining({ kind: 'dropped', reason: 'consent', count: 1 }));
  });
});

describe('event size', () => {
  it('rejects an event over 32 KB at track with a dev warning and an invalid drop', async () => {
    const collector = installCollector();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    const reports: DeliveryReport[] = [];
    tracker.on('delivery', (r) => reports.push(r));
    tracker.track('Huge', { blob: 'x'.repeat(33 * 1024) });
    tracker.track('Small');
    await tracker.flush();
    expect(collector.batches.flatMap((b) => b.events).map((e) => e.event)).toEqual(['Small']);
    expect(reports).toContainEqual(expect.objectContaining({ kind: 'dropped', reason: 'invalid', count: 1 }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('32 KB'));
  });

  it('drops an event whose properties cannot be serialised without throwing', async () => {
    installCollector();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => tracker.track('Cyclic', cyclic)).not.toThrow();
  });
});

describe('sampling', () => {
  it('sends nothing at sampleRate 0', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, sampleRate: 0 });
    tracker.track('A');
    await tracker.flush();
    expect(collector.batches).toHaveLength(0);
  });

  it('samples by user: each user sends all or none of their events, about half of users at 0.5', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, sampleRate: 0.5, flushAt: 1000 });
    for (let u = 0; u < 200; u++) {
      tracker.identify(`user-${u}`);
      tracker.track('A');
      tracker.track('B');
    }
    await tracker.flush();
    const perUser = new Map<string, number>();
    for (const e of collector.batches.flatMap((b) => b.events))
      perUser.set(String(e.userId), (perUser.get(String(e.userId)) ?? 0) + 1);
    expect([...perUser.values()].every((n) => n === 3)).toBe(true);
    expect(perUser.size).toBeGreaterThan(70);
    expect(perUser.size).toBeLessThan(130);
  });
});

describe('batching', () => {
  it('flushes on its own once flushAt events are queued', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, flushAt: 5, flushInterval: 60_000 });
    for (let i = 0; i < 5; i++) tracker.track(`E${i}`);
    await until(() => collector.batches.length === 1);
    expect(collector.batches[0]?.events).toHaveLength(5);
  });

  it('flushes on its own once flushBytes are queued', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, flushBytes: 4000, flushInterval: 60_000 });
    tracker.track('Big', { text: 'x'.repeat(5000) });
    await until(() => collector.batches.length === 1);
    expect(collector.batches[0]?.events[0]?.event).toBe('Big');
  });

  it('flushes flushInterval ms after the first event when fewer are queued', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, flushInterval: 3000 });
    await tracker.flush();
    tracker.track('A');
    await until(() => vi.getTimerCount() > 0);
    await vi.advanceTimersByTimeAsync(2999);
    expect(collector.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => collector.batches.length === 1);
    expect(collector.batches[0]?.events[0]?.event).toBe('A');
  });

  it('sends a burst of 1,000 events in requests under the 500 KB limit, each event once', async () => {
    const collector = installCollector();
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, flushAt: 10_000 });
    for (let i = 0; i < 1000; i++) tracker.track('Bulk', { i, pad: 'x'.repeat(900) });
    await tracker.flush();
    expect(collector.batches.length).toBeGreaterThan(1);
    expect(collector.batches.every((b) => b.jsonBytes < 500 * 1024)).toBe(true);
    expect(collector.received.size).toBe(1000);
    expect([...collector.received.values()].every((n) => n === 1)).toBe(true);
  });
});
