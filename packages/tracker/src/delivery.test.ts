import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { newPage } from '../test/new-page.js';
import { createTracker } from './create-tracker.js';
import { createDelivery } from './delivery.js';
import { createMemoryStore, type QueueStore } from './queue-store.js';
import type { DeliveryReport, Tracker } from './types.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.spyOn(Math, 'random').mockReturnValue(0.5); // full jitter at its midpoint: delays are base·2^(n−1)/2
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup(options: Partial<Parameters<typeof createTracker>[0]> = {}) {
  const collector = installCollector();
  const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, ...options });
  const reports: DeliveryReport[] = [];
  tracker.on('delivery', (r) => reports.push(r));
  return { collector, tracker, reports };
}

/** Moves fake time on, then waits for the flush it may have started (flush() joins a running one). */
async function advance(tracker: Tracker, ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await tracker.flush();
}

/** A delivery loop over `store` alone, sending to the mock collector. */
const deliveryOver = (store: QueueStore) =>
  createDelivery({
    url: `${HOST}/v1/batch`,
    writeKey: 'k',
    _lockName: freshWriteKey(),
    _openStore: async () => store,
    _canSend: () => true,
    _report: () => undefined,
    maxRetries: 1,
    retryBase: 1,
    retryCap: 1,
  });

const delays = (reports: DeliveryReport[]) => reports.flatMap((r) => (r.kind === 'retried' ? [r.delay] : []));

describe('retries', () => {
  it('503, 503, 503 then 200: delivers every event once, with growing delays', async () => {
    const { collector, tracker, reports } = setup({ retryBase: 1000 });
    collector.reply({ status: 503 }, { status: 503 }, { status: 503 });
    tracker.track('A');
    tracker.track('B');
    await tracker.flush();
    await advance(tracker, 499);
    expect(collector.batches).toHaveLength(1);
    await advance(tracker, 1);
    await advance(tracker, 1000);
    await advance(tracker, 2000);
    expect(delays(reports)).toEqual([500, 1000, 2000]);
    const gaps = collector.batches.slice(1).map((b, i) => b.at - (collector.batches[i]?.at ?? 0));
    expect(gaps).toEqual([500, 1000, 2000]);
    expect(collector.stored.size).toBe(2);
    expect([...collector.received.values()]).toEqual([4, 4]); // the same messageIds on every attempt
  });

  it('caps the backoff at retryCap', async () => {
    const { collector, tracker, reports } = setup({ retryBase: 1000, retryCap: 3000 });
    collector.otherwise({ status: 500 });
    tracker.track('A');
    await tracker.flush();
    for (const ms of [500, 1000, 1500, 1500]) await advance(tracker, ms);
    expect(delays(reports)).toEqual([500, 1000, 1500, 1500, 1500]);
  });

  it('429 with Retry-After: sends nothing before it elapses, not even on flush()', async () => {
    const { collector, tracker, reports } = setup();
    collector.reply({ status: 429, headers: { 'Retry-After': '30' } });
    tracker.track('A');
    await tracker.flush();
    await advance(tracker, 29_999);
    tracker.track('B');
    await tracker.flush();
    expect(collector.batches).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'retried', status: 429, delay: 30_000 });
    await advance(tracker, 1);
    expect(collector.batches).toHaveLength(2);
    expect(collector.batches[1]?.at).toBe((collector.batches[0]?.at ?? 0) + 30_000);
    expect(collector.stored.size).toBe(2);
  });

  it('retries a network error with backoff', async () => {
    const { collector, tracker, reports } = setup();
    collector.reply('network-error');
    tracker.track('A');
    await tracker.flush();
    expect(reports[0]).toMatchObject({ kind: 'retried', status: 0 });
    await advance(tracker, 500);
    expect(collector.stored.size).toBe(1);
  });

  it('drops a batch after maxRetries failed attempts and moves on', async () => {
    const { collector, tracker, reports } = setup({ maxRetries: 2 });
    collector.reply({ status: 500 }, { status: 500 }, { status: 500 });
    tracker.track('Doomed');
    await tracker.flush();
    await advance(tracker, 500);
    await advance(tracker, 1000);
    expect(reports.at(-1)).toMatchObject({ kind: 'dropped', reason: 'retries', count: 1 });
    tracker.track('Next');
    await tracker.flush();
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['Next']);
  });

  it('a 503 with Retry-After spends no attempt: a long outage loses nothing', async () => {
    const { collector, tracker, reports } = setup({ maxRetries: 2 });
    const outage = Array.from({ length: 12 }, () => ({ status: 503, headers: { 'Retry-After': '5' } }));
    collector.reply(...outage);
    tracker.track('Patient');
    await tracker.flush();
    for (let i = 0; i < 12; i++) await advance(tracker, 5000);
    expect(reports.some((r) => r.kind === 'dropped')).toBe(false);
    expect(collector.batches).toHaveLength(13);
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['Patient']);
  });
});

describe('refusals', () => {
  it('413 splits the batch until every part is accepted', async () => {
    const { collector, tracker } = setup();
    collector.otherwise((events) => ({ status: events.length > 2 ? 413 : 200 }));
    for (let i = 0; i < 8; i++) tracker.track(`E${i}`);
    await tracker.flush();
    expect(collector.batches.map((b) => b.events.length)).toEqual([8, 4, 2, 2, 4, 2, 2]);
    expect(collector.stored.size).toBe(8);
  });

  it('413 for a single event drops it as rejected and delivers the rest', async () => {
    const { collector, tracker, reports } = setup();
    collector.otherwise((events) => ({ status: events.some((e) => e.event === 'Big') ? 413 : 200 }));
    tracker.track('A');
    tracker.track('Big');
    tracker.track('C');
    await tracker.flush();
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['A', 'C']);
    expect(reports).toContainEqual(expect.objectContaining({ kind: 'dropped', reason: 'rejected', count: 1 }));
  });

  it('a 200 with rejected events drops only those, by index', async () => {
    const { collector, tracker, reports } = setup();
    collector.reply((events) => ({
      status: 200,
      body: {
        accepted: 2,
        duplicates: 0,
        rejected: [{ index: 1, messageId: events[1]?.messageId, error: 'bad event' }],
      },
    }));
    tracker.track('A');
    tracker.track('B');
    tracker.track('C');
    await tracker.flush();
    const dropped = reports.find((r) => r.kind === 'dropped');
    expect(dropped).toMatchObject({ reason: 'rejected', count: 1, error: 'bad event' });
    expect(dropped?.messageIds).toEqual([collector.batches[0]?.events[1]?.messageId]);
    expect(reports.find((r) => r.kind === 'sent')?.count).toBe(2);
  });

  it('a 400 naming some events drops those and delivers the others', async () => {
    const { collector, tracker } = setup();
    collector.reply({
      status: 400,
      body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, error: 'event: required' }] },
    });
    tracker.track('Bad');
    tracker.track('Good');
    await tracker.flush();
    expect(collector.batches.map((b) => b.events.map((e) => e.event))).toEqual([['Bad', 'Good'], ['Good']]);
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['Good']);
  });

  it('a 4xx naming nothing drops the batch instead of blocking the queue', async () => {
    const { collector, tracker, reports } = setup();
    collector.reply({ status: 401 });
    tracker.track('A');
    await tracker.flush();
    tracker.track('B');
    await tracker.flush();
    expect(reports[0]).toMatchObject({ kind: 'dropped', reason: 'rejected', error: 'HTTP 401' });
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['B']);
  });
});

describe('offline', () => {
  it('sends nothing while offline, spends no attempt, and delivers on the online event', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { collector, tracker, reports } = setup();
    tracker.track('A');
    await tracker.flush();
    expect(collector.batches).toHaveLength(0);
    onLine.mockReturnValue(true);
    dispatchEvent(new Event('online'));
    await tracker.flush();
    expect(collector.stored.size).toBe(1);
    expect(reports.map((r) => r.kind)).toEqual(['sent']);
  });
});

describe('flush', () => {
  it('a flush asked for while the send loop is ending still sends', async () => {
    const collector = installCollector();
    const store = createMemoryStore();
    let online = false;
    const delivery = createDelivery({
      url: `${HOST}/v1/batch`,
      writeKey: 'k',
      _lockName: freshWriteKey(),
      _openStore: async () => store,
      _canSend: () => online,
      _report: () => undefined,
      maxRetries: 1,
      retryBase: 1,
      retryCap: 1,
    });
    await store.add([{ id: 'm1', json: '{"type":"track","event":"A","messageId":"m1"}', size: 44 }], 1e6);
    void delivery.flush(); // offline: the loop ends at once, its promise settles a step later
    online = true;
    await delivery.flush();
    expect(collector.stored.size).toBe(1);
  });
});

describe('persistence', () => {
  it('keeps events in IndexedDB until a 2xx: the next page load delivers them', async () => {
    const writeKey = freshWriteKey();
    const collector = installCollector();
    collector.reply({ status: 503 });
    const first = createTracker({ writeKey, host: HOST });
    first.track('A');
    await first.flush();
    expect(collector.stored.size).toBe(0);
    newPage(); // a reload
    const reloaded = createTracker({ writeKey, host: HOST });
    await reloaded.flush();
    expect([...collector.stored.values()].map((e) => e.event)).toEqual(['A']);
    const batchesBefore = collector.batches.length;
    newPage(); // a reload
    await createTracker({ writeKey, host: HOST }).flush();
    expect(collector.batches.length).toBe(batchesBefore); // deleted after the 2xx: nothing left to send
  });
});

describe('clock skew', () => {
  it('learns the skew from the collector Date header', async () => {
    vi.useRealTimers();
    const collector = installCollector();
    const serverAhead = 3_600_000;
    collector.reply({ status: 200, headers: { Date: new Date(Date.now() + serverAhead).toUTCString() } });
    const store = createMemoryStore();
    await store.add([{ id: 'm1', json: '{"type":"track","event":"A","messageId":"m1"}', size: 44 }], 1e6);
    const delivery = deliveryOver(store);
    await delivery.flush();
    await until(() => delivery.skew() !== 0);
    expect(Math.abs(delivery.skew() - serverAhead)).toBeLessThan(2000);
  });
});

describe('exactly once at unload', () => {
  it('never re-sends a batch the collector answered while its delete is still being written', async () => {
    const collector = installCollector();
    const memory = createMemoryStore();
    let release = (): void => undefined;
    const removing = new Promise<void>((r) => (release = r));
    const store = {
      ...memory,
      take: async (...args: Parameters<typeof memory.take>) => {
        if (args[0].length) await removing; // IndexedDB still committing the delete when the page is hidden
        return memory.take(...args);
      },
    };
    const delivery = deliveryOver(store);
    const records = ['a', 'b'].map((id) => ({
      id,
      json: `{"type":"track","event":"E","messageId":"${id}"}`,
      size: 40,
    }));
    await memory.add(records, 1e6);
    const flushed = delivery.flush();
    await until(() => collector.batches.length === 1 && collector.stored.size === 2);
    delivery._sendNow(records); // pagehide: what this tab tracked and has not seen settled
    release();
    await flushed;
    expect(collector.batches).toHaveLength(1);
    expect([...collector.received.values()]).toEqual([1, 1]);
    expect(await memory.take([], 10, 1e6)).toEqual([]);
  });
});

describe('one transaction per batch', () => {
  it('deletes and reports a batch answered while the next one is being read', async () => {
    vi.useRealTimers();
    const collector = installCollector();
    const memory = createMemoryStore();
    const records = Array.from({ length: 1500 }, (_, i) => {
      const id = `m${String(i).padStart(4, '0')}`;
      return { id, json: `{"type":"track","event":"E","messageId":"${id}"}`, size: 44 };
    });
    await memory.add(records, 1e7);
    const store: QueueStore = {
      ...memory,
      take: async (done, count, bytes, after) => {
        // The read ahead of the second batch finishes only after the first batch was answered.
        if (after && !done.length) {
          await until(() => collector.stored.size === 1000);
          await new Promise((r) => setTimeout(r, 100)); // the client has read the answer
        }
        return memory.take(done, count, bytes, after);
      },
    };
    const reports: DeliveryReport[] = [];
    const delivery = createDelivery({
      url: `${HOST}/v1/batch`,
      writeKey: 'k',
      _lockName: freshWriteKey(),
      _openStore: async () => store,
      _canSend: () => true,
      _report: (r) => reports.push(r),
      maxRetries: 1,
      retryBase: 1,
      retryCap: 1,
    });
    await delivery.flush();
    expect(collector.batches.map((b) => b.events.length)).toEqual([1000, 500]);
    expect(reports.map((r) => [r.kind, r.count])).toEqual([
      ['sent', 1000],
      ['sent', 500],
    ]);
    expect(await memory.take([], 2000, 1e7)).toEqual([]);
  });
});
