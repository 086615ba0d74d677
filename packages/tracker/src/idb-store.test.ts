import { expect, it } from 'vitest';
import { freshWriteKey } from '../test/mock-collector.js';
import { queueStoreSuite } from '../test/queue-store-suite.js';
import { openIdbStore } from './idb-store.js';

queueStoreSuite('openIdbStore', () => openIdbStore(freshWriteKey()));

it('orders by id (UUIDv7, so by time) when tabs add out of order', async () => {
  const store = await openIdbStore(freshWriteKey());
  await store.add([{ id: 'b', json: '{}', size: 2 }], 1e6);
  await store.add([{ id: 'a', json: '{}', size: 2 }], 1e6);
  expect((await store.take([], 10, 1e6)).map((r) => r.id)).toEqual(['a', 'b']);
});

it('is shared: a second connection (another tab) sees the same queue and byte total', async () => {
  const name = freshWriteKey();
  const tabA = await openIdbStore(name);
  const tabB = await openIdbStore(name);
  await tabA.add([{ id: 'a', json: '{}', size: 60 }], 100);
  expect((await tabB.take([], 10, 1e6)).map((r) => r.id)).toEqual(['a']);
  expect((await tabB.add([{ id: 'b', json: '{}', size: 60 }], 100)).map((r) => r.id)).toEqual(['a']);
});

it('survives reopening (a reload)', async () => {
  const name = freshWriteKey();
  await (await openIdbStore(name)).add([{ id: 'a', json: '{"x":1}', size: 7 }], 1e6);
  expect(await (await openIdbStore(name)).take([], 10, 1e6)).toEqual([{ id: 'a', json: '{"x":1}', size: 7 }]);
});
