import type { EventLog, Lease } from '../log/event-log.js';
import { LeaseLostError, readApplied } from '../log/applied-offsets.js';
import { applyBatch, type BatchOutcome, type BatchTarget } from './apply-batch.js';

/**
 * How a partition loop reads and reports.
 *
 * @example
 * const o: LoopOptions = { batchSize: 500, waitMs: 1000, onBatch: (p, o) => log(p, o) };
 */
export interface LoopOptions {
  batchSize: number;
  waitMs: number;
  /** After each committed and acknowledged batch. */
  onBatch?: (lease: Lease, outcome: BatchOutcome, startedAt: number, endedAt: number) => void;
  /**
   * After a batch is committed and before it is acknowledged to the log: the fault
   * tests hold a worker here to SIGKILL it between the two (`PULSE_WORKER_HOLD_BEFORE_ACK_MS`).
   */
  afterApply?: (lease: Lease, outcome: BatchOutcome, lastOffset: number) => Promise<void>;
  /** A failed attempt (the database down, the log unreachable); the loop retries. */
  onError?: (lease: Lease, error: unknown) => void;
}

/**
 * One running partition: `stop()` lets the batch in hand finish (committed
 * and acknowledged, or abandoned when the lease is gone) and resolves when the
 * loop has ended.
 *
 * @example
 * const loop = startPartitionLoop(log, target, lease, options);
 * await loop.stop();
 */
export interface PartitionLoop {
  readonly lease: Lease;
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Processes one leased partition: opens a reader just after the offset the
 * database holds, then repeatedly fetches a batch, applies it in one
 * transaction (retrying with backoff while the database is down, as long as
 * the lease is held) and acknowledges it to the log after the commit.
 *
 * @example
 * const loop = startPartitionLoop(log, { store, configs, webhooks: [], now: Date.now }, lease, { batchSize: 500, waitMs: 1000 });
 */
export function startPartitionLoop(
  log: EventLog,
  target: BatchTarget,
  lease: Lease,
  options: LoopOptions,
): PartitionLoop {
  let running = true;
  const alive = (): boolean => running;

  async function withRetry<T>(fn: () => Promise<T>): Promise<T | null> {
    for (let delay = 100; alive(); delay = Math.min(delay * 2, 5000)) {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof LeaseLostError) throw error;
        options.onError?.(lease, error);
        await sleep(delay);
      }
    }
    return null;
  }

  async function run(): Promise<void> {
    const reader = await withRetry(async () =>
      log.open(lease.partition, (await readApplied(target.store, lease.partition)).offset, lease.epoch),
    );
    if (reader === null) return;
    try {
      while (alive()) {
        const messages = await withRetry(() => reader.fetch(options.batchSize, options.waitMs));
        if (messages === null || messages.length === 0) continue;
        const startedAt = Date.now();
        const outcome = await withRetry(() => applyBatch(target, lease, messages));
        if (outcome === null) return; // stopped while the database was down: the next holder replays it
        await options.afterApply?.(lease, outcome, messages[messages.length - 1]!.offset);
        await withRetry(() => reader.commit(messages[messages.length - 1]!.offset));
        options.onBatch?.(lease, outcome, startedAt, Date.now());
      }
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
    } finally {
      await reader.close();
    }
  }

  const done = run().catch((error: unknown) => options.onError?.(lease, error));
  return {
    lease,
    done,
    async stop() {
      running = false;
      await done;
    },
  };
}
