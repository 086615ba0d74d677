/**
 * Runs `task` while holding the origin-wide Web Lock `name`, so exactly one tab sends
 * from the shared queue at a time. A browser without Web Locks (none released since
 * March 2022) runs it at once: within a tab delivery already runs one loop at a time,
 * and between tabs of such a browser the worst case is an event in two requests, which
 * the collector deduplicates by `messageId` (docs/decisions.md, "Customer bundles under 6 kB").
 *
 * @example
 * await withFlushLock('pulse-flush-pk_live', () => sendOldestBatch());
 */
export function withFlushLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  return (navigator.locks?.request(name, task) as Promise<T> | undefined) ?? task();
}
