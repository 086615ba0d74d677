import { validateConfig, type PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { requireSecretKey, requireWriteKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS, WRITE_KEY } from '../../contract/common.js';
import { ConfigBody, ConfigUpdate, InvalidConfig, PublicConfig } from '../../contract/config.js';
import { PulseError } from '../../errors.js';
import { DOCUMENTED_ONLY } from '../route-options.js';

const getConfig = {
  summary: 'The public config: models and nudges (never allowedOrigins)',
  description: 'Answers with an ETag and Cache-Control: no-cache; a matching If-None-Match answers 304.',
  security: WRITE_KEY,
  response: {
    200: PublicConfig,
    304: { description: 'Not modified (If-None-Match matched the ETag)', type: 'null' },
    401: errorResponse('Missing or invalid write key'),
  },
};

const putConfig = {
  summary: 'Replace the config; every user is rescored from raw events before the answer',
  security: SECRET_KEY,
  body: ConfigBody,
  response: { 200: ConfigUpdate, 400: InvalidConfig, ...SECRET_KEY_ERRORS },
};

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
  app.get('/v1/config', { schema: getConfig }, async (req, reply) => {
    requireWriteKey(req.credentials, ctx.writeKey, req.query);
    const { etag, publicBody } = ctx.configs.current();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(publicBody);
  });

  // The body is checked by validateConfig, which lists every issue by path.
  app.put<{ Reply: ConfigUpdate }>(
    '/v1/admin/config',
    { schema: putConfig, validatorCompiler: DOCUMENTED_ONLY },
    async (req) => {
      requireSecretKey(req.credentials);
      const issues = validateConfig(req.body);
      if (issues.length > 0) throw new PulseError('invalid', 'invalid config', { details: { issues } });
      const snapshot = await ctx.configs.replace(req.body as PulseConfig);
      const rescored = await ctx.rescore();
      return { version: snapshot.version, etag: snapshot.etag, rescored };
    },
  );
}
