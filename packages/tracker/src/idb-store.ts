import { wrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
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
  // idb's `wrap` of the open request rather than `openDB`: the queue needs no
  // blocked/blocking/terminated callbacks, and leaving them out keeps the bundle smaller.
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(EVENTS, { keyPath: 'id' });
    request.result.createObjectStore(META);
  };
  const db = (await wrap(request)) as IDBPDatabase;

  /**
   * Runs `body` in one read-write transaction with the byte total (being read, beside
   * whatever `body` asks for first); stores the total `body` returns, resolves once it commits.
   */
  async function write<T>(body: (events: EventStore, bytes: Promise<number>) => Promise<[T, number]>): Promise<T> {
    const tx = db.transaction([EVENTS, META], 'readwrite');
    const meta = tx.objectStore(META);
    const [result, bytes] = await body(
      tx.objectStore(EVENTS),
      meta.get('bytes').then((b) => (b as number | undefined) ?? 0),
    );
    void meta.put(bytes, 'bytes'); // only stored records are ever subtracted: never below 0
    await tx.done;
    return result;
  }

  return {
    add: (records, maxBytes) =>
      write(async (events, total) => {
        for (const record of records) void events.put(record);
        let bytes = await total;
        for (const record of records) bytes += record.size;
        // Oldest first (ids are UUIDv7, so key order is time order), read in pages
        // and deleted with one key-range request: a cursor would cost a request per event.
        const dropped: QueueRecord[] = [];
        let last: string | undefined;
        while (bytes > maxBytes) {
          const page = (await events.getAll(last ? IDBKeyRange.lowerBound(last, true) : null, 64)) as QueueRecord[];
          if (!page.length) break; // a byte total out of step with the records: never loop on it
          for (const record of page) {
            if (bytes > maxBytes) {
              dropped.push(record);
              bytes -= record.size;
              last = record.id;
            }
          }
        }
        if (last) void events.delete(IDBKeyRange.upperBound(last));
        return [dropped, bytes];
      }),
    // One round trip and the commit: the byte total, the keys still stored in the run of
    // `done` and the next batch are read together; the delete is queued after them.
    take: (done, maxCount, maxBytes, after) =>
      write(async (events, total) => {
        // A delivered batch is a run of the oldest keys: check which are still stored
        // (another tab may have cleared them) with one request, and delete the run with
        // one more when nothing else sits between its first and last key.
        const ids = done.map((r) => r.id).sort();
        const range = ids.length ? IDBKeyRange.bound(ids[0], ids.at(-1)) : undefined;
        const [stored, next, bytes] = await Promise.all([
          range && events.getAllKeys(range),
          maxCount && events.getAll(after ? IDBKeyRange.lowerBound(after, true) : null, maxCount),
          total,
        ]);
        const others = new Set(stored as string[] | undefined);
        let left = bytes;
        for (const record of done) if (others.delete(record.id)) left -= record.size;
        if (others.size) for (const id of ids) void events.delete(id);
        else if (range) void events.delete(range);
        return [takeWithin((next || []) as QueueRecord[], maxBytes), left];
      }),
    clear: () =>
      write(async (events) => {
        const ids = (await events.getAllKeys()) as string[];
        void events.clear();
        return [ids, 0];
      }),
  };
}
