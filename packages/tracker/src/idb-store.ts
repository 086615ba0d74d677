import { openDB, type IDBPObjectStore } from 'idb';
import { takeWithin, type QueueRecord, type QueueStore } from './queue-store.js';

const EVENTS = 'events';
/** Holds `bytes`, the running total of `events`, updated in the same transactions so every tab sees one figure. */
const META = 'meta';

type EventStore = IDBPObjectStore<unknown, string[], typeof EVENTS, 'readwrite'>;

/**
 * The queue in IndexedDB (through `idb`), shared by every tab of the origin.
 * Each write is one transaction that also keeps the byte total, so the cap holds
 * across tabs; only IndexedDB requests are awaited inside it, so it never
 * auto-commits early.
 *
 * @example
 * const store = await openIdbStore('pulse-pk_live');
 */
export async function openIdbStore(name: string): Promise<QueueStore> {
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore(EVENTS, { keyPath: 'id' });
      d.createObjectStore(META);
    },
  });

  /** Runs `body` with the byte total in one read-write transaction; resolves once it commits. */
  async function write<T>(body: (events: EventStore, bytes: number) => Promise<[T, number]>): Promise<T> {
    const tx = db.transaction([EVENTS, META], 'readwrite');
    const meta = tx.objectStore(META);
    const [result, bytes] = await body(tx.objectStore(EVENTS), ((await meta.get('bytes')) as number | undefined) ?? 0);
    void meta.put(Math.max(0, bytes), 'bytes');
    await tx.done;
    return result;
  }

  return {
    add: (records, maxBytes) =>
      write(async (events, bytes) => {
        const dropped: QueueRecord[] = [];
        for (const record of records) {
          void events.put(record);
          bytes += record.size;
        }
        // Oldest first: ids are UUIDv7, so key order is time order.
        let cursor = bytes > maxBytes ? await events.openCursor() : null;
        while (cursor && bytes > maxBytes) {
          const record = cursor.value as QueueRecord;
          dropped.push(record);
          bytes -= record.size;
          void cursor.delete();
          cursor = await cursor.continue();
        }
        return [dropped, bytes];
      }),
    read: async (maxCount, maxBytes) =>
      takeWithin((await db.getAll(EVENTS, null, maxCount)) as QueueRecord[], maxBytes),
    remove: (ids) =>
      write(async (events, bytes) => {
        for (const id of ids) {
          const record = (await events.get(id)) as QueueRecord | undefined;
          if (record) {
            bytes -= record.size;
            void events.delete(id);
          }
        }
        return [undefined, bytes];
      }),
    clear: () =>
      write(async (events) => {
        const ids = (await events.getAllKeys()) as string[];
        void events.clear();
        return [ids, 0];
      }),
  };
}
