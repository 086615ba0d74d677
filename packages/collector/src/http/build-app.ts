import { AjvCompiler } from '@fastify/ajv-compiler';
import { LIMITS } from '@pulse/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CollectorContext } from '../collector-context.js';
import { registerBodyParsers } from './body-parser.js';
import { installCors } from './cors.js';
import { installErrorHandler } from './error-handler.js';
import { registerOpenApi } from './openapi.js';
import { installSerializers } from './serializers.js';
import { installPermissions } from './permissions.js';
import { installRequestCredentials } from './request-credentials.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerNudgeRoutes } from './routes/nudge-routes.js';
import { registerConfigRoutes } from './routes/config-routes.js';
import { registerConfigVersionRoutes } from './routes/config-version-routes.js';
import { registerDevRoutes } from './routes/dev-routes.js';
import { registerExperimentRoutes } from './routes/experiment-routes.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import { registerKeyRoutes } from './routes/key-routes.js';
import { registerModelHealthRoutes } from './routes/model-health-routes.js';
import { registerPreviewRoutes, trackRescores } from './routes/preview-routes.js';
import { registerIngestionRoutes } from './routes/ingestion-routes.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { registerSourceConfigRoutes } from './routes/source-config-routes.js';
import { registerStateRoutes } from './routes/state-routes.js';
import { registerHistoryRoutes } from './routes/history-routes.js';
import { registerSegmentsRoutes } from './routes/segments-routes.js';
import { registerAccountsRoutes } from './routes/accounts-routes.js';
import { registerUsersRoutes } from './routes/users-routes.js';
import { registerStaticRoutes, type StaticDirs } from './routes/static-routes.js';
import { serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';

// One validator pool for every app the process builds (tests build hundreds): Ajv keeps
// what it compiled by schema object, and the routes' schemas are module constants.
const buildValidator = AjvCompiler();

/**
 * Options of `buildApp` beyond the shared context.
 *
 * @example
 * const o: AppOptions = { logger: false, staticDirs: defaultStaticDirs(), trustProxy: false };
 */
export interface AppOptions {
  logger: boolean | Record<string, unknown>;
  staticDirs: StaticDirs;
  trustProxy: boolean;
  /** Serve `GET /v1/dev/token/{userId}` (development mode only). */
  devTokens?: boolean;
  /** Deadlines for slow clients over `DEFAULT_TIMEOUTS`. */
  timeouts?: Partial<ServerTimeouts>;
}

/**
 * The Fastify instance with every route, the body parsers (text/plain, gzip),
 * CORS and the one error handler (`installErrorHandler`: a `PulseError`'s kind
 * → its status and `{ error, ...details }`; anything unexpected → 500, logged).
 *
 * @example
 * const app = await buildApp(ctx, { logger: false, staticDirs, trustProxy: false });
 */
export async function buildApp(ctx: CollectorContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: LIMITS.maxRequestBytes,
    trustProxy: options.trustProxy,
    return503OnClosing: true,
    // User and group ids are customers' own (emails, URNs): Fastify's default of 100 is too short.
    routerOptions: { maxParamLength: 1000 },
    schemaController: { compilersFactory: { buildValidator } },
    ...serverTimeoutOptions(options.timeouts),
  });
  const routes: { method: string; url: string }[] = [];
  app.decorate('pulseRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  registerBodyParsers(app, LIMITS.maxRequestBytes);
  installSerializers(app);
  installErrorHandler(app);
  await installCors(app, ctx);
  installRequestCredentials(app, ctx.secretKey);
  installPermissions(app, ctx);
  // Before the routes: it collects each route's schema as it is added.
  await registerOpenApi(app);
  app.addHook('onResponse', async (req, reply) => {
    ctx.metrics.request(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  // Before the routes that rescore: every run reports its progress (GET /v1/admin/config/rescore).
  const rescoreProgress = trackRescores(ctx);
  registerIngestRoutes(app, ctx);
  registerSourceConfigRoutes(app, ctx);
  registerConfigRoutes(app, ctx);
  registerConfigVersionRoutes(app, ctx);
  registerKeyRoutes(app, ctx);
  registerStateRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerUsersRoutes(app, ctx);
  registerHistoryRoutes(app, ctx);
  registerSegmentsRoutes(app, ctx);
  registerNudgeRoutes(app, ctx);
  registerAccountsRoutes(app, ctx);
  registerExperimentRoutes(app, ctx);
  registerModelHealthRoutes(app, ctx);
  registerPreviewRoutes(app, ctx, rescoreProgress);
  registerDevRoutes(app, ctx, options.devTokens ?? false);
  registerOpsRoutes(app, ctx);
  registerIngestionRoutes(app, ctx);
  await registerStaticRoutes(app, options.staticDirs);
  return app;
}

/**
 * Every method and path the app registered (HEAD and OPTIONS included), in
 * registration order: what `/openapi.json` is checked against.
 *
 * @example
 * routesOf(collector.app).filter((r) => r.method === 'POST');
 */
export function routesOf(app: FastifyInstance): { method: string; url: string }[] {
  return (app as FastifyInstance & { pulseRoutes?: { method: string; url: string }[] }).pulseRoutes ?? [];
}
