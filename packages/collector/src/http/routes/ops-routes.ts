import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';
import { openApiDocument } from '../openapi.js';

/**
 * `/healthz` (checks storage), `/metrics` (Prometheus) and `/openapi.json`.
 *
 * @example
 * registerOpsRoutes(app, ctx, { staticRoot: false });
 */
export function registerOpsRoutes(
  app: FastifyInstance,
  ctx: CollectorContext,
  options: { staticRoot: boolean; devTokens?: boolean },
): void {
  const openapi = JSON.stringify(openApiDocument(options));
  app.get('/healthz', async () => {
    try {
      await ctx.store.getMeta('config_version');
    } catch (error) {
      throw new PulseError('unavailable', `storage unavailable: ${(error as Error).message}`);
    }
    return { status: 'ok', store: ctx.store.kind, configVersion: ctx.configs.current().version };
  });
  app.get('/metrics', async (_req, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render()),
  );
  app.get('/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
}
