import type { PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse } from '../../contract/common.js';
import { adminRoute } from '../route-options.js';
import { ConfigBody, ConfigUpdate } from '../../contract/config.js';
import {
  ConfigVersionDetail,
  ConfigVersionList,
  ConfigVersionQuery,
  RollbackRequest,
  VersionParams,
} from '../../contract/versions.js';
import { PulseError } from '../../errors.js';
import type { ConfigVersionRow } from '../../store/admin-store.js';
import { ifMatchVersion, versionEtag } from '../if-match.js';
import { principalOf } from '../permissions.js';

const STALE = {
  412: errorResponse('If-Match names an older version: nothing was written (`currentVersion` says which is current)'),
};
const IF_MATCH = {
  type: 'object',
  properties: {
    'if-match': { type: 'string', description: 'The ETag of GET /v1/admin/config the change is based on' },
  },
};

const summary = (row: ConfigVersionRow) => ({
  version: row.version,
  at: new Date(row.at).toISOString(),
  actor: row.actor,
  rollbackOf: row.rollbackOf,
});

/**
 * The config's versions: `GET /v1/admin/config` (the whole config, `ETag`: its
 * version), `GET /v1/admin/config/versions` (newest first, paged),
 * `GET /v1/admin/config/versions/{version}` (config and diff) and
 * `POST /v1/admin/config/rollback` (a new version equal to an old one; every
 * user is rescored, as after a PUT).
 *
 * @example
 * registerConfigVersionRoutes(app, ctx);
 */
export function registerConfigVersionRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get(
    '/v1/admin/config',
    adminRoute('read', {
      summary: 'The whole config; its ETag is the version, for If-Match on the writes',
      response: { 200: ConfigBody },
    }),
    async (_req, reply) => {
      const { document, version } = ctx.configs.current();
      reply.header('etag', versionEtag(version));
      return document;
    },
  );

  app.get<{ Querystring: ConfigVersionQuery; Reply: ConfigVersionList }>(
    '/v1/admin/config/versions',
    adminRoute('read', {
      summary: 'Config versions, newest first, with who stored each and how many fields it changed',
      querystring: ConfigVersionQuery,
      response: { 200: ConfigVersionList, 400: errorResponse('limit or before out of range') },
    }),
    async (req) => {
      const { limit, before } = req.query;
      const rows = await ctx.store.listConfigVersions(before ?? null, limit + 1);
      const page = rows.slice(0, limit);
      return {
        versions: page.map((row) => ({ ...summary(row), changes: (JSON.parse(row.diff) as unknown[]).length })),
        next: rows.length > limit ? page[page.length - 1]!.version : null,
      };
    },
  );

  app.get<{ Params: VersionParams; Reply: ConfigVersionDetail }>(
    '/v1/admin/config/versions/:version',
    adminRoute('read', {
      summary: 'One version: its whole config and its diff against the version before',
      params: VersionParams,
      response: { 200: ConfigVersionDetail, 404: errorResponse('No such version') },
    }),
    async (req) => {
      const row = await ctx.store.getConfigVersion(req.params.version);
      if (row === null) throw new PulseError('not-found', `version: there is no config version ${req.params.version}`);
      return { ...summary(row), config: JSON.parse(row.config) as PulseConfig, diff: JSON.parse(row.diff) };
    },
  );

  app.post<{ Body: RollbackRequest; Reply: ConfigUpdate }>(
    '/v1/admin/config/rollback',
    adminRoute('config:write', {
      summary: "Store an old version's config as a new version; every user is rescored before the answer",
      description: 'Send If-Match with the ETag the rollback is based on: a stale one answers 412.',
      headers: IF_MATCH,
      body: RollbackRequest,
      response: {
        200: ConfigUpdate,
        400: errorResponse('Bad body or If-Match'),
        404: errorResponse('No such version'),
        ...STALE,
      },
    }),
    async (req, reply) => {
      const ifMatch = ifMatchVersion(req.headers['if-match']);
      const row = await ctx.store.getConfigVersion(req.body.version);
      if (row === null) throw new PulseError('not-found', `version: there is no config version ${req.body.version}`);
      const snapshot = await ctx.configs.replace(JSON.parse(row.config) as PulseConfig, {
        actor: principalOf(req.credentials).label,
        ifMatch,
        rollbackOf: row.version,
      });
      const rescored = await ctx.rescore();
      reply.header('etag', versionEtag(snapshot.version));
      return { version: snapshot.version, etag: snapshot.etag, rescored };
    },
  );
}

/** The If-Match header schema and the 412 response, for other config writes. */
export const CONFIG_WRITE_SCHEMA = { headers: IF_MATCH, stale: STALE };
