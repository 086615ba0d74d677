import { validateConfig, type PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { requireWriteKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS, WRITE_KEY } from '../../contract/common.js';
import { ConfigBody, ConfigUpdate, InvalidConfig, PublicConfig } from '../../contract/config.js';
import { PulseError } from '../../errors.js';
import { ifMatchVersion, versionEtag } from '../if-match.js';
import { principalOf } from '../permissions.js';
import { DOCUMENTED_ONLY } from '../route-options.js';
import { CONFIG_WRITE_SCHEMA } from './config-version-routes.js';

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
  description:
    'Stored as a new version (GET /v1/admin/config/versions). Send If-Match with the ETag of GET /v1/admin/config: a stale one answers 412 and nothing is written; without If-Match the change applies to the current version.',
  security: SECRET_KEY,
  headers: CONFIG_WRITE_SCHEMA.headers,
  body: ConfigBody,
  response: { 200: ConfigUpdate, 400: InvalidConfig, ...CONFIG_WRITE_SCHEMA.stale, ...SECRET_KEY_ERRORS },
};

/**
 * `GET /v1/config` (write key as Basic user, Bearer or `?writeKey=`; the public
 * part only: models and nudges, never allowed origins; `ETag` / `304`) and
 * `PUT /v1/admin/config` (`config:write`; If-Match; validated, stored as a new
 * version, then every user is rescored from raw events before the answer).
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
    { schema: putConfig, validatorCompiler: DOCUMENTED_ONLY, config: { permission: 'config:write' } },
    async (req, reply) => {
      const ifMatch = ifMatchVersion(req.headers['if-match']);
      const issues = validateConfig(req.body);
      if (issues.length > 0) throw new PulseError('invalid', 'invalid config', { details: { issues } });
      const actor = principalOf(req.credentials).label;
      const snapshot = await ctx.configs.replace(req.body as PulseConfig, { actor, ifMatch });
      const rescored = await ctx.rescore();
      reply.header('etag', versionEtag(snapshot.version));
      return { version: snapshot.version, etag: snapshot.etag, rescored };
    },
  );
}
