import type { EventType, IngestResponse } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import { PulseError } from '../errors.js';
import { ingestItems } from './ingest-items.js';
import { SERVER_SIDE, type IdentityProof } from '../auth/identity-proof.js';
import { normalizeBody } from './normalize-body.js';
import { publishItems } from './publish-items.js';

/**
 * Validates and stores one request body (a batch or a single event) and answers
 * as the HTTP API does; throws an `invalid` `PulseError` (with the
 * per-event `rejected` list in its details) when nothing in it is valid.
 * Shared by the routes (which pass the request's `IdentityProof`) and
 * `pulse import` (server side: every user id counts as verified).
 *
 * @example
 * const r = await ingestBody(ctx, { batch: events }, 'batch');
 * r.accepted; r.duplicates; r.rejected;
 */
export async function ingestBody(
  ctx: CollectorContext,
  body: unknown,
  kind: EventType | 'batch',
  proof: IdentityProof = SERVER_SIDE,
): Promise<IngestResponse> {
  const receivedAt = ctx.now();
  const { items, rejected } = normalizeBody(body, kind, receivedAt, proof);
  ctx.metrics.events('rejected', rejected.length);
  if (items.length === 0) {
    throw new PulseError('invalid', 'no valid events in the request', {
      details: { accepted: 0, duplicates: 0, rejected },
    });
  }
  if (ctx.log !== undefined) {
    const published = await publishItems(ctx.log, ctx.project, items);
    ctx.metrics.events('accepted', published.accepted);
    ctx.metrics.events('duplicate', published.duplicates);
    return { accepted: published.accepted, duplicates: published.duplicates, rejected, position: published.position };
  }
  const outcome = await ctx.store.transaction((tx) =>
    ingestItems(tx, { project: ctx.project, configs: ctx.configs, webhooks: ctx.webhooks, now: receivedAt }, items),
  );
  const accepted = outcome.inserted.size;
  const duplicates = items.length - accepted;
  ctx.metrics.events('accepted', accepted);
  ctx.metrics.events('duplicate', duplicates);
  if (outcome.notices > 0) ctx.dispatcher?.kick();
  return { accepted, duplicates, rejected };
}
