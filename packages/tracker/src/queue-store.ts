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
 * const next = await store.take(sentBatch, 1000, 500_000, lastIdInFlight);
 */
export interface QueueStore {
  /** Adds records, then drops the oldest while the total exceeds `maxBytes`; returns the dropped. */
  add(records: QueueRecord[], maxBytes: number): Promise<QueueRecord[]>;
  /**
   * Removes `done` (their sizes keep the byte total without reading them back), then reads
   * the oldest records after the id `after` (all when not given), at most `maxCount` and
   * `maxBytes` in total: one transaction per batch for delivery, which deletes the batch
   * answered last while it reads the next. `after`, when both are given, is at or past the
   * last of `done` (the read may run beside the delete). `maxCount` 0 reads nothing.
   */
  take(done: QueueRecord[], maxCount: number, maxBytes: number, after?: string): Promise<QueueRecord[]>;
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
    async take(done, maxCount, maxBytes, after) {
      const gone = new Set(done.map((r) => r.id));
      records = records.filter((r) => !gone.has(r.id));
      return takeWithin(records.filter((r) => !after || r.id > after).slice(0, maxCount), maxBytes);
    },
    async clear() {
      return records.splice(0).map((r) => r.id);
    },
  };
}
