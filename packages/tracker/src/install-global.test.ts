import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { installGlobal } from './install-global.js';
import type { TrackerState } from './types.js';

const root = globalThis as { pulse?: unknown };

afterEach(() => {
  delete root.pulse;
  vi.unstubAllGlobals();
});

/** What the async snippet leaves behind: an array stub recording calls. */
type Stub = unknown[][] & { [method in 'init' | 'track' | 'identify' | 'page']: (...args: unknown[]) => void };

function snippetStub(): Stub {
  const stub = [] as unknown as Stub;
  for (const method of ['init', 'track', 'identify', 'page'] as const)
    stub[method] = (...args) => void stub.push([method, ...args]);
  root.pulse = stub;
  return stub;
}

it('replays the calls the snippet queued, in order, once the script loads', async () => {
  const collector = installCollector();
  const stub = snippetStub();
  stub.track('Before init');
  stub.init({ writeKey: freshWriteKey(), host: HOST });
  stub.identify('u1');
  stub.track('After init');
  const pulse = installGlobal();
  await pulse.flush();
  const events = collector.batches.flatMap((b) => b.events);
  expect(events.map((e) => e.type + ':' + (e.event ?? ''))).toEqual([
    'track:Before init',
    'identify:',
    'track:After init',
  ]);
  expect(events[2]?.userId).toBe('u1');
});

it('queues calls made after the script loaded but before init', async () => {
  const collector = installCollector();
  const pulse = installGlobal();
  pulse.track('Early');
  expect(pulse.state().source).toBe('none');
  pulse.init({ writeKey: freshWriteKey(), host: HOST });
  await pulse.flush();
  expect(collector.batches[0]?.events[0]?.event).toBe('Early');
});

it('subscribes on("state") listeners registered before init', async () => {
  installCollector({
    models: [{ id: 'm', windowDays: 7, signals: [], scale: { maxPoints: 1 }, bands: [{ id: 'low', min: 0 }] }],
  });
  const pulse = installGlobal();
  const seen: TrackerState[] = [];
  pulse.on('state', (s) => seen.push(s));
  pulse.init({ writeKey: freshWriteKey(), host: HOST });
  await until(() => seen.length > 0);
  expect(seen[0]?.source).toBe('provisional');
});

it('returns the installed global to a second bundle, whose onInit runs on init', () => {
  installCollector();
  const first = installGlobal();
  const onInit = vi.fn();
  expect(installGlobal(onInit)).toBe(first);
  expect(onInit).not.toHaveBeenCalled();
  const tracker = first.init({ writeKey: freshWriteKey(), host: HOST });
  expect(onInit).toHaveBeenCalledWith(tracker);
});

it('creates the tracker once: a second init returns the first tracker', () => {
  installCollector();
  const pulse = installGlobal();
  const tracker = pulse.init({ writeKey: freshWriteKey(), host: HOST });
  expect(pulse.init({ writeKey: 'ignored' })).toBe(tracker);
});

it('runs onInit with the tracker', () => {
  installCollector();
  const onInit = vi.fn();
  const pulse = installGlobal(onInit);
  const tracker = pulse.init({ writeKey: freshWriteKey(), host: HOST });
  expect(onInit).toHaveBeenCalledWith(tracker);
});
