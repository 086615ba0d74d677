import { expect, it } from 'vitest';
import { queueStoreSuite } from '../test/queue-store-suite.js';
import { createMemoryStore, takeWithin } from './queue-store.js';

queueStoreSuite('createMemoryStore', async () => createMemoryStore());

it('takeWithin counts a comma per record against the limit', () => {
  const records = [
    { id: 'a', json: '', size: 4 },
    { id: 'b', json: '', size: 4 },
  ];
  expect(takeWithin(records, 9)).toHaveLength(1);
  expect(takeWithin(records, 10)).toHaveLength(2);
});
