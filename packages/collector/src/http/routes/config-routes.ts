import { validateConfig, type PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { requireSecretKey, requireWriteKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';

/**
 * `GET /v1/config` (write key as Basic user, Bearer or `?writeKey=`; the public
 * part only: models and nudges, never allowed origins; `ETag` / `304`) and
 * `PUT /v1/admin/config` (secret key; validated, then every user is rescored
 * from raw events before the answer).
 *
 * @example
 * registerConfigRoutes(app, ctx);
 */
export function registerConfigRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get('/v1/config', async (req, reply) => {
    requireWriteKey(req.credentials, ctx.writeKey, req.query);
    const { etag, publicBody } = ctx.configs.current();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(publicBody);
  });

  app.put('/v1/admin/config', async (req) => {
    requireSecretKey(req.credentials);
    const issues = validateConfig(req.body);
    if (issues.length > 0) throw new PulseError('invalid', 'invalid config', { details: { issues } });
    const snapshot = await ctx.configs.replace(req.body as PulseConfig);
    const rescored = await ctx.rescore();
    return { version: snapshot.version, etag: snapshot.etag, rescored };
  });
}
