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
      expect((await store.take([], 10, 1e6)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    });

    it('reads at most maxCount records and maxBytes', async () => {
      const store = await open();
      await store.add([record('a', 10), record('b', 10), record('c', 10)], 1e6);
      expect(await store.take([], 2, 1e6)).toHaveLength(2);
      expect((await store.take([], 10, 22)).map((r) => r.id)).toEqual(['a', 'b']);
    });

    it('reads the records after an id, for the batch after one in flight', async () => {
      const store = await open();
      await store.add([record('a'), record('b'), record('c'), record('d')], 1e6);
      expect((await store.take([], 2, 1e6, 'b')).map((r) => r.id)).toEqual(['c', 'd']);
      expect(await store.take([], 10, 1e6, 'd')).toEqual([]);
    });

    it('drops the oldest records above the byte cap and returns them', async () => {
      const store = await open();
      await store.add([record('a', 40), record('b', 40)], 100);
      const dropped = await store.add([record('c', 40)], 100);
      expect(dropped.map((r) => r.id)).toEqual(['a']);
      expect((await store.take([], 10, 1e6)).map((r) => r.id)).toEqual(['b', 'c']);
    });

    it('drops across many records at once, oldest first, down to the cap', async () => {
      const store = await open();
      const ids = Array.from({ length: 300 }, (_, i) => `r${String(i).padStart(3, '0')}`);
      await store.add(
        ids.map((id) => record(id, 10)),
        1e6,
      );
      const dropped = await store.add([record('z', 10)], 1000);
      expect(dropped.map((r) => r.id)).toEqual(ids.slice(0, 201));
      expect((await store.take([], 1000, 1e6)).map((r) => r.id)).toEqual([...ids.slice(201), 'z']);
    });

    it('keeps the byte total across removals', async () => {
      const store = await open();
      await store.add([record('a', 40), record('b', 40)], 100);
      await store.take([record('a', 40), record('missing', 40)], 0, 0);
      expect(await store.add([record('c', 40)], 100)).toEqual([]);
    });

    it('removes only the given records when others sit between them', async () => {
      const store = await open();
      await store.add([record('a', 10), record('b', 10), record('c', 10), record('d', 10)], 1e6);
      await store.take([record('a', 10), record('c', 10)], 0, 0);
      expect((await store.take([], 10, 1e6)).map((r) => r.id)).toEqual(['b', 'd']);
      // The total is 20 now: 80 more fit under a cap of 100 without a drop.
      expect(await store.add([record('e', 40), record('f', 40)], 100)).toEqual([]);
    });

    it('counts a record removed twice once', async () => {
      const store = await open();
      await store.add([record('a', 40), record('b', 40)], 100);
      await store.take([record('a', 40)], 0, 0);
      await store.take([record('a', 40)], 0, 0);
      // Were `a` subtracted twice, the total would read 0 and this add would keep all three.
      expect((await store.add([record('c', 40), record('d', 40)], 100)).map((r) => r.id)).toEqual(['b']);
    });

    it('clears everything and returns the ids', async () => {
      const store = await open();
      await store.add([record('a'), record('b')], 1e6);
      expect((await store.clear()).sort()).toEqual(['a', 'b']);
      expect(await store.take([], 10, 1e6)).toEqual([]);
    });
  });
}
