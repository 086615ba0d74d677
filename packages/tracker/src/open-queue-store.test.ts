import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey } from '../test/mock-collector.js';
import { openQueueStore } from './open-queue-store.js';

afterEach(() => vi.unstubAllGlobals());

const record = (id: string) => ({ id, json: '{}', size: 2 });

it('falls back to memory when IndexedDB is missing', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const store = await openQueueStore(freshWriteKey(), false);
  await store.add([record('a')], 1e6);
  expect((await store.take([], 10, 1e6)).map((r) => r.id)).toEqual(['a']);
});

it('falls back to memory when IndexedDB refuses to open (private modes)', async () => {
  vi.stubGlobal('indexedDB', {
    open() {
      const request = {
        onsuccess: null,
        onerror: null as null | (() => void),
        error: new DOMException('denied', 'InvalidStateError'),
      };
      setTimeout(() => request.onerror?.());
      return request;
    },
  });
  const store = await openQueueStore(freshWriteKey(), false);
  await store.add([record('a')], 1e6);
  expect(await store.take([], 10, 1e6)).toHaveLength(1);
});

it('runs operations in call order: a remove right after an add removes the record', async () => {
  const store = await openQueueStore(freshWriteKey(), false);
  void store.add([record('a')], 1e6);
  await store.take([record('a')], 0, 0);
  expect(await store.take([], 10, 1e6)).toEqual([]);
});

it('keeps memoryOnly stores out of IndexedDB', async () => {
  const name = freshWriteKey();
  await (await openQueueStore(name, true)).add([record('a')], 1e6);
  expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
});
