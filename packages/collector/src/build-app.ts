import cors from '@fastify/cors';
import { LIMITS } from '@pulse/core';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerBodyParsers } from './body-parser.js';
import type { CollectorContext } from './collector-context.js';
import { HttpError, isHttpError } from './http-error.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerConfigRoutes } from './routes/config-routes.js';
import { registerDevRoutes } from './routes/dev-routes.js';
import { registerExperimentRoutes } from './routes/experiment-routes.js';
import { INGEST_PATHS, registerIngestRoutes } from './routes/ingest-routes.js';
import { registerModelHealthRoutes } from './routes/model-health-routes.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { registerSourceConfigRoutes, SOURCE_CONFIG_PATHS } from './routes/source-config-routes.js';
import { registerStateRoutes } from './routes/state-routes.js';
import { registerStaticRoutes, type StaticDirs } from './routes/static-routes.js';
import { serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';
import { isStoreUnavailable } from './store/is-store-unavailable.js';

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

const FASTIFY_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    message: `body: over the ${LIMITS.maxRequestBytes}-byte limit per request (counted after gzip decoding)`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'content-type: not supported (send JSON)' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'content-length: does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'body: is empty (send a JSON object)' },
};

/** Seconds a client waits after a 503 for unavailable storage (a restart or failover usually takes a few). */
const STORE_RETRY_AFTER_SECONDS = 5;

/** True when a browser request's `Origin` may use the API (see docs/collector.md "CORS"). */
function isOriginAllowed(ctx: CollectorContext, req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || ctx.dev) return true;
  const allowed = ctx.configs.current().config.allowedOrigins ?? [];
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, req, reply) => {
    if (isHttpError(error)) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send({ error: error.message, ...error.details });
    }
    if (isStoreUnavailable(error)) {
      // Nothing of the request was committed; a client that waits and resends loses nothing.
      req.log.warn({ err: error }, 'storage unavailable');
      return reply.code(503).header('retry-after', String(STORE_RETRY_AFTER_SECONDS)).send({
        error: 'storage unavailable: the request was not stored; retry after the Retry-After delay',
        retryAfter: STORE_RETRY_AFTER_SECONDS,
      });
    }
    const known = error.code === undefined ? undefined : FASTIFY_ERRORS[error.code];
    if (known !== undefined) return reply.code(known.status).send({ error: known.message });
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error: the request was not stored; retry later' });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` }),
  );
}

/** Where the public write endpoints are: a preflight there may ask for any header (see installCors). */
const INGEST_URLS: ReadonlySet<string> = new Set(Object.values(INGEST_PATHS).flat());

/** The request headers a browser may send to every other route. */
const STRICT_HEADERS = ['Content-Type', 'Content-Encoding', 'Authorization', 'X-Pulse-User-Token', 'If-None-Match'];

/** The API as opposed to static files: a browser request from a foreign origin is refused. */
function isApiPath(path: string): boolean {
  return path.startsWith('/v1/') || INGEST_URLS.has(path) || (SOURCE_CONFIG_PATHS as readonly string[]).includes(path);
}

function installCors(app: FastifyInstance, ctx: CollectorContext): Promise<void> {
  // The write key is public, so a text/plain POST (which skips the preflight)
  // from a foreign page is refused outright rather than only left unreadable.
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !isApiPath(req.url.split('?')[0] ?? '') || isOriginAllowed(ctx, req)) return;
    throw new HttpError(403, `origin ${req.headers.origin} is not allowed: add it to allowedOrigins in the config`);
  });
  return app.register(cors, {
    delegator: (req, cb) =>
      cb(null, {
        origin: isOriginAllowed(ctx, req) ? (req.headers.origin ?? false) : false,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        // The ingest paths are public write endpoints authenticated by the write
        // key, so their preflight allows whatever headers the client asks for
        // (the peers' SDKs send their own: AnonymousId, SentAt, X-Retry-Count,
        // RSA-Retry-…); leaving allowedHeaders out makes @fastify/cors echo them.
        // Admin and read routes keep a strict list.
        ...(INGEST_URLS.has(req.url.split('?')[0] ?? '') ? {} : { allowedHeaders: STRICT_HEADERS }),
        exposedHeaders: ['Retry-After', 'ETag', 'Date'],
        maxAge: 86_400,
      }),
  }) as unknown as Promise<void>;
}

/**
 * The Fastify instance with every route, the body parsers (text/plain, gzip),
 * CORS and the one error handler (typed `HttpError` → its status and
 * `{ error, ...details }`; anything unexpected → 500, logged).
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
    ...serverTimeoutOptions(options.timeouts),
  });
  const routes: { method: string; url: string }[] = [];
  app.decorate('pulseRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  registerBodyParsers(app, LIMITS.maxRequestBytes);
  installErrorHandling(app);
  await installCors(app, ctx);
  app.addHook('onResponse', async (req, reply) => {
    ctx.metrics.request(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  registerIngestRoutes(app, ctx);
  registerSourceConfigRoutes(app, ctx);
  registerConfigRoutes(app, ctx);
  registerStateRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerExperimentRoutes(app, ctx);
  registerModelHealthRoutes(app, ctx);
  registerDevRoutes(app, ctx, options.devTokens ?? false);
  registerOpsRoutes(app, ctx, {
    staticRoot: options.staticDirs.root !== undefined,
    devTokens: (options.devTokens ?? false) && ctx.dev,
  });
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
