import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, passThrough } from '../../contract/common.js';
import { Health } from '../../contract/ops.js';
import { PulseError } from '../../errors.js';
import { openApiDocument } from '../openapi.js';
import { renderLogMetrics } from '../../log/ingestion-lag.js';

const healthz = {
  summary: 'Liveness and storage check',
  response: { 200: Health, 503: errorResponse('Storage unavailable') },
};

const metrics = {
  summary: 'Prometheus metrics (aggregate counters only)',
  response: {
    200: {
      description: 'Text exposition format 0.0.4',
      content: { 'text/plain': { schema: Type.String() } },
    },
  },
};

const openapi = {
  summary: "This document: the API as OpenAPI 3.1, generated from the routes' schemas",
  response: { 200: passThrough<unknown>('OpenAPI 3.1') },
};

/**
 * `/healthz` (checks storage), `/metrics` (Prometheus) and `/openapi.json`
 * (generated from the routes' schemas; `registerOpenApi`).
 *
 * @example
 * registerOpsRoutes(app, ctx);
 */
export function registerOpsRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Reply: Health }>('/healthz', { schema: healthz }, async () => {
    try {
      await ctx.store.getMeta('config_version');
    } catch (error) {
      throw new PulseError('unavailable', `storage unavailable: ${(error as Error).message}`);
    }
    return { status: 'ok', store: ctx.store.kind, configVersion: ctx.configs.current().version };
  });
  app.get('/metrics', { schema: metrics }, async (_req, reply) => {
    const log = ctx.log === undefined ? '' : await renderLogMetrics(ctx.log, ctx.store);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render() + log);
  });
  app.get('/openapi.json', { schema: openapi }, async () => openApiDocument(app));
}
