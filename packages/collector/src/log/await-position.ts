import type { Store } from '../store/store.js';
import { readApplied } from './applied-offsets.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the workers have applied every partition of a position (each
 * partition's applied offset ≥ the position's), for at most `timeoutMs`, and
 * resolves to how many log messages (request batches) are still to apply
 * (0 once caught up). Offsets grow by one per message within a partition, so
 * the count is exact.
 *
 * @example
 * const behind = await awaitPosition(store, decodePosition('3:1042', 16)!, 2000);
 */
export async function awaitPosition(
  store: Pick<Store, 'getMeta'>,
  positions: ReadonlyMap<number, number>,
  timeoutMs: number,
  pollMs = 20,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let behind = 0;
    for (const [p, offset] of positions) behind += Math.max(0, offset - (await readApplied(store, p)).offset);
    if (behind === 0 || Date.now() >= deadline) return behind;
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}
