import type { FastifyInstance } from 'fastify';
import { requireWriteKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, WRITE_KEY } from '../../contract/common.js';
import { SourceConfig } from '../../contract/ops.js';

/** The paths RudderStack's SDK fetches its source config from: `<configUrl>/sourceConfig/`, or `configUrl` itself when it already ends in `/sourceConfig`. */
export const SOURCE_CONFIG_PATHS = ['/sourceConfig', '/sourceConfig/'] as const;

/**
 * The source config RudderStack's JavaScript SDK waits for before it sends
 * anything: an enabled source with no device-mode destinations and the SDK's
 * own error and metrics reporting off (so it posts nothing but events).
 *
 * @example
 * sourceConfigBody('default'); // → { source: { id: 'default', enabled: true, config: {…}, destinations: [] }, … }
 */
export function sourceConfigBody(project: string): SourceConfig {
  return {
    source: {
      id: project,
      name: 'Pulse',
      workspaceId: project,
      enabled: true,
      config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
      destinations: [],
    },
  };
}

/**
 * `GET /sourceConfig/` (write key as Basic user, Bearer or `?writeKey=`): lets
 * RudderStack's JavaScript SDK v3 start with `configUrl` set to the collector,
 * since it sends no event until it has a source config (docs/collector.md
 * "Segment and RudderStack SDKs").
 *
 * @example
 * registerSourceConfigRoutes(app, ctx);
 */
export function registerSourceConfigRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  const body = sourceConfigBody(ctx.project);
  const schema = {
    summary: "RudderStack's source config, so its JavaScript SDK can start with configUrl set to the collector",
    security: WRITE_KEY,
    response: { 200: SourceConfig, 401: errorResponse('Missing or invalid write key') },
  };
  for (const path of SOURCE_CONFIG_PATHS) {
    app.get<{ Reply: SourceConfig }>(path, { schema }, async (req, reply) => {
      requireWriteKey(req.credentials, ctx.writeKey, req.query);
      reply.header('cache-control', 'no-cache');
      return body;
    });
  }
}
