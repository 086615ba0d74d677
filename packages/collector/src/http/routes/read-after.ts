import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';
import { awaitPosition } from '../../log/await-position.js';
import { decodePosition } from '../../log/position-token.js';

/** How long a state read waits for the workers to pass a position. */
export const AFTER_WAIT_MS = 2000;

/**
 * The `after` parameter of a state read: waits (bounded) for the position and
 * resolves to the log messages still to apply. Without a log every ingest answer
 * was already committed, so it is 0 at once.
 *
 * @example
 * reply.header('x-pulse-behind', String(await readAfter(ctx, req.query.after)));
 */
export async function readAfter(ctx: CollectorContext, after: string): Promise<number> {
  if (ctx.log === undefined) return 0;
  const positions = decodePosition(after, ctx.log.partitions);
  if (positions === null)
    throw new PulseError('invalid', 'after: must be a position token from an ingest answer, e.g. 3:1042');
  return awaitPosition(ctx.store, positions, AFTER_WAIT_MS);
}
