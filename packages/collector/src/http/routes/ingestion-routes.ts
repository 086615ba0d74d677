import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { IngestionStatus } from '../../contract/ingestion.js';
import { PulseError } from '../../errors.js';
import { ingestionLag } from '../../log/ingestion-lag.js';

const schema = {
  summary: 'How far scoring is behind ingestion',
  description:
    'With the event log (pulse serve --log): request batches accepted but not yet applied, in all and per partition, with the worker holding each. Without it, nothing is ever behind.',
  security: SECRET_KEY,
  response: { 200: IngestionStatus, ...SECRET_KEY_ERRORS },
};

/**
 * `GET /v1/admin/ingestion` (secret key): the dashboard's ingestion-lag banner reads it.
 *
 * @example
 * registerIngestionRoutes(app, ctx);
 */
export function registerIngestionRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Reply: IngestionStatus }>('/v1/admin/ingestion', { schema, config: { permission: 'read' } }, async () => {
    if (ctx.log === undefined) return { log: false, behind: 0, partitions: [] };
    let lag;
    try {
      lag = await ingestionLag(ctx.log, ctx.store);
    } catch (error) {
      throw new PulseError('unavailable', `event log or storage unavailable: ${(error as Error).message}`, {
        retryAfterSeconds: 5,
      });
    }
    const partitions = lag.map((p) => ({
      partition: p.partition,
      behind: Math.max(0, p.head - p.applied.offset),
      worker: p.holder,
    }));
    return { log: true, behind: partitions.reduce((n, p) => n + p.behind, 0), partitions };
  });
}
