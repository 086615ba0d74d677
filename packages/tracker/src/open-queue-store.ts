import { openIdbStore } from './idb-store.js';
import { createMemoryStore, type QueueStore } from './queue-store.js';

/**
 * The queue for a write key: IndexedDB when it opens, else memory. Any later
 * IndexedDB failure (quota, a closed database, private-mode limits) switches to
 * memory for the rest of the page, so an event is never lost to a storage error;
 * what IndexedDB already holds is sent on the next load.
 *
 * Operations run one after another in call order: a delete that follows an add
 * of the same event (a keepalive answered before the add committed) must not
 * run first, or the event would be sent again on the next load.
 *
 * @example
 * const store = await openQueueStore('pulse-pk_live', false);
 */
export async function openQueueStore(name: string, memoryOnly: boolean): Promise<QueueStore> {
  const memory = createMemoryStore();
  let active = memory;
  try {
    if (!memoryOnly) active = await openIdbStore(name);
  } catch {
    // No IndexedDB (e.g. Firefox private mode fails to open): memory it is.
  }
  let last: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: (store: QueueStore) => Promise<T>): Promise<T> => {
    const result = last
      .then(() => run(active))
      .catch(() => {
        active = memory;
        return run(memory);
      });
    last = result.catch(() => undefined);
    return result;
  };
  return {
    add: (records, maxBytes) => serial((store) => store.add(records, maxBytes)),
    take: (done, maxCount, maxBytes, after) => serial((store) => store.take(done, maxCount, maxBytes, after)),
    clear: () => serial((store) => store.clear()),
  };
}
