import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { EventLog, Lease } from '../log/event-log.js';
import type { BatchTarget } from './apply-batch.js';
import { startPartitionLoop, type LoopOptions, type PartitionLoop } from './partition-loop.js';
import { planShare } from './plan-share.js';

/**
 * Options of `createWorker`; `id` must be unique among running workers.
 *
 * @example
 * const o: WorkerOptions = { log, target, batchSize: 500 };
 */
export interface WorkerOptions extends Partial<LoopOptions> {
  log: EventLog;
  target: BatchTarget;
  id?: string;
  /** A lease-and-share round every this many ms (default a third of the lease TTL). */
  tickMs?: number;
  onLease?: (event: 'acquired' | 'lost' | 'released', lease: Lease) => void;
}

/**
 * A running scoring worker.
 *
 * @example
 * const w = createWorker({ log, target });
 * await w.close();
 */
export interface Worker {
  readonly id: string;
  /** The partitions this worker holds now. */
  partitions(): number[];
  /** One lease-and-share round now (tests call it to move faster than the timer). */
  tick(): Promise<void>;
  /** Lets every batch in hand finish, releases the leases and stops. */
  close(): Promise<void>;
}

/**
 * Starts a worker: every round it renews its leases (a partition whose lease
 * is lost stops at once), announces itself, and moves toward its fair share
 * (`ceil(partitions / live workers)`): it takes free or expired partitions
 * when under it and hands back its highest partitions when over it, so two,
 * three or more workers split the partitions and a dead worker's are taken
 * over once its leases expire.
 *
 * @example
 * const worker = createWorker({ log, target: { store, configs, webhooks: [], now: Date.now } });
 */
export function createWorker(options: WorkerOptions): Worker {
  const { log } = options;
  const id =
    options.id ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const loopOptions: LoopOptions = {
    batchSize: options.batchSize ?? 500,
    waitMs: options.waitMs ?? 1000,
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.afterApply ? { afterApply: options.afterApply } : {}),
  };
  const loops = new Map<number, PartitionLoop>();
  let closed = false;
  let round: Promise<void> = Promise.resolve();

  // The tick goes on at once: a loop finishing its batch must not hold up renewing the
  // other leases. A released lease is handed back only after its loop has stopped.
  const stopping = new Set<Promise<void>>();
  const winding = new Set<number>();
  function drop(partition: number, event: 'lost' | 'released'): void {
    const loop = loops.get(partition);
    if (loop === undefined) return;
    loops.delete(partition);
    winding.add(partition);
    const done = loop
      .stop()
      .then(() => (event === 'released' ? log.leases.release(loop.lease) : undefined))
      .then(() => options.onLease?.(event, loop.lease))
      .catch((error: unknown) => options.onError?.(loop.lease, error))
      .finally(() => {
        stopping.delete(done);
        winding.delete(partition);
      });
    stopping.add(done);
  }

  async function once(): Promise<void> {
    const { leases } = log;
    await leases.heartbeat(id);
    for (const [p, loop] of [...loops]) if (!(await leases.renew(loop.lease))) drop(p, 'lost');
    const plan = planShare({
      partitions: log.partitions,
      workers: await leases.alive(),
      self: id,
      holders: await leases.holders(),
      mine: [...loops.keys()],
    });
    for (const p of plan.release) drop(p, 'released');
    for (const p of plan.take) {
      if (closed) return;
      if (winding.has(p)) continue; // its previous loop is still finishing a batch
      const lease = await leases.acquire(p, id);
      if (lease === null) continue;
      loops.set(p, startPartitionLoop(log, options.target, lease, loopOptions));
      options.onLease?.('acquired', lease);
    }
  }

  const tick = (): Promise<void> => {
    round = round
      .then(() => (closed ? undefined : once()))
      .catch((error: unknown) => {
        options.onError?.({ partition: -1, owner: id, epoch: 0 }, error);
      });
    return round;
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? Math.max(200, Math.floor(log.leases.ttlMs / 3)));
  void tick();

  return {
    id,
    partitions: () => [...loops.keys()].sort((a, b) => a - b),
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await round;
      for (const p of [...loops.keys()]) drop(p, 'released');
      await Promise.all([...stopping]);
    },
  };
}
