import { describe, expect, it } from 'vitest';
import type { QueueRecord, QueueStore } from '../src/queue-store.js';

const record = (id: string, size = 10): QueueRecord => ({ id, json: `{"messageId":"${id}"}`, size });

/** The behaviour every `QueueStore` implementation shares; run once per implementation. */
export function queueStoreSuite(name: string, open: () => Promise<QueueStore>): void {
  describe(name, () => {
    it('reads records oldest first', async () => {
      const store = await open();
      await store.add([record('a'), record('b')], 1e6);
      await store.add([record('c')], 1e6);
      expect((await store.read(10, 1e6)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    });

    it('reads at most maxCount records and maxBytes', async () => {
      const store = await open();
      await store.add([record('a', 10), record('b', 10), record('c', 10)], 1e6);
      expect(await store.read(2, 1e6)).toHaveLength(2);
      expect((await store.read(10, 22)).map((r) => r.id)).toEqual(['a', 'b']);
    });

    it('drops the oldest records above the byte cap and returns them', async () => {
      const store = await open();
      await store.add([record('a', 40), record('b', 40)], 100);
      const dropped = await store.add([record('c', 40)], 100);
      expect(dropped.map((r) => r.id)).toEqual(['a']);
      expect((await store.read(10, 1e6)).map((r) => r.id)).toEqual(['b', 'c']);
    });

    it('keeps the byte total across removals', async () => {
      const store = await open();
      await store.add([record('a', 40), record('b', 40)], 100);
      await store.remove(['a', 'missing']);
      expect(await store.add([record('c', 40)], 100)).toEqual([]);
    });

    it('clears everything and returns the ids', async () => {
      const store = await open();
      await store.add([record('a'), record('b')], 1e6);
      expect((await store.clear()).sort()).toEqual(['a', 'b']);
      expect(await store.read(10, 1e6)).toEqual([]);
    });
  });
}
