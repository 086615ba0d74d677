/**
 * One queued event: its `messageId`, its JSON (serialised once, at `track`) and
 * that JSON's UTF-8 size.
 *
 * @example
 * const record: QueueRecord = { id: event.messageId, json: JSON.stringify(event), size: 214 };
 */
export interface QueueRecord {
  id: string;
  json: string;
  size: number;
}

/**
 * The persisted queue, oldest first (ids are UUIDv7, so key order is time order).
 * Implemented over IndexedDB and, when that is unavailable, in memory.
 *
 * @example
 * const dropped = await store.add(records, 2 * 1024 * 1024);
 */
export interface QueueStore {
  /** Adds records, then drops the oldest while the total exceeds `maxBytes`; returns the dropped. */
  add(records: QueueRecord[], maxBytes: number): Promise<QueueRecord[]>;
  /** The oldest records (after the id `after`, if given), at most `maxCount` and `maxBytes` in total. */
  read(maxCount: number, maxBytes: number, after?: string): Promise<QueueRecord[]>;
  /** Removes these records (their sizes keep the byte total without reading them back). */
  remove(records: QueueRecord[]): Promise<void>;
  /** Deletes everything; returns the ids deleted. */
  clear(): Promise<string[]>;
}

/**
 * The oldest-first prefix of `records` whose sizes (plus a comma each) fit in `maxBytes`.
 *
 * @example
 * takeWithin([{ id: 'a', json: '{}', size: 2 }], 10); // → the one record
 */
export function takeWithin(records: QueueRecord[], maxBytes: number): QueueRecord[] {
  let bytes = 0;
  let n = 0;
  while (n < records.length && (bytes += (records[n] as QueueRecord).size + 1) <= maxBytes) n++;
  return records.slice(0, n);
}

/**
 * A queue in memory, for pages without IndexedDB (some private modes). Events
 * survive neither a reload nor another tab, but are still batched and retried.
 *
 * @example
 * const store = createMemoryStore();
 */
export function createMemoryStore(): QueueStore {
  let records: QueueRecord[] = [];
  return {
    async add(added, maxBytes) {
      records.push(...added);
      let total = records.reduce((sum, r) => sum + r.size, 0);
      let n = 0;
      while (total > maxBytes) total -= (records[n++] as QueueRecord).size;
      return records.splice(0, n);
    },
    async read(maxCount, maxBytes, after) {
      return takeWithin(records.filter((r) => !after || r.id > after).slice(0, maxCount), maxBytes);
    },
    async remove(removed) {
      const gone = new Set(removed.map((r) => r.id));
      records = records.filter((r) => !gone.has(r.id));
    },
    async clear() {
      return records.splice(0).map((r) => r.id);
    },
  };
}
