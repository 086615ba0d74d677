import type { Store, StoreTx } from '../store/store.js';

/**
 * What the database records about one partition, in the same transaction as
 * each batch: the last offset applied, the epoch of the lease that applied it,
 * and running counts of batches and records (average batch size in `/metrics`).
 *
 * @example
 * const a: AppliedOffset = { offset: 1042, epoch: 7, batches: 12, records: 1042 };
 */
export interface AppliedOffset {
  offset: number;
  epoch: number;
  batches: number;
  records: number;
}

const NONE: AppliedOffset = { offset: 0, epoch: 0, batches: 0, records: 0 };

/**
 * The meta key of a partition's applied offset.
 *
 * @example
 * appliedKey(3); // → 'log:applied:3'
 */
export const appliedKey = (partition: number): string => `log:applied:${partition}`;

function parse(value: string | null): AppliedOffset {
  if (value === null) return NONE;
  const v = JSON.parse(value) as Partial<AppliedOffset>;
  return { ...NONE, ...v };
}

/**
 * A partition's applied offset as last committed (0 when none).
 *
 * @example
 * const { offset } = await readApplied(store, 3);
 */
export async function readApplied(store: Pick<Store, 'getMeta'>, partition: number): Promise<AppliedOffset> {
  return parse(await store.getMeta(appliedKey(partition)));
}

/**
 * Thrown inside a batch's transaction when a later lease holder has already
 * committed this partition: the batch is rolled back (the newer holder owns it).
 *
 * @example
 * if (error instanceof LeaseLostError) stopPartition(error.partition);
 */
export class LeaseLostError extends Error {
  constructor(readonly partition: number) {
    super(`partition ${partition}: taken over by a newer lease`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Inside a batch's transaction: refuses (with `LeaseLostError`) when a newer
 * lease already committed, otherwise records `offset` as applied. Returns the
 * offset stored before, so records at or below it can be skipped.
 *
 * @example
 * await store.transaction(async (tx) => { await recordApplied(tx, 3, 7, 1042, 500); … });
 */
export async function recordApplied(
  tx: StoreTx,
  partition: number,
  epoch: number,
  offset: number,
  records: number,
): Promise<AppliedOffset> {
  const before = parse(await tx.getMeta(appliedKey(partition)));
  if (before.epoch > epoch) throw new LeaseLostError(partition);
  const after: AppliedOffset = {
    offset: Math.max(before.offset, offset),
    epoch,
    batches: before.batches + 1,
    records: before.records + records,
  };
  await tx.setMeta(appliedKey(partition), JSON.stringify(after));
  return before;
}
