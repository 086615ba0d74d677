import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CollectorContext } from '../collector-context.js';
import { PulseError } from '../errors.js';
import { INGEST_PATHS } from './routes/ingest-routes.js';
import { SOURCE_CONFIG_PATHS } from './routes/source-config-routes.js';

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

/** Where the public write endpoints are: a preflight there may ask for any header (see installCors). */
const INGEST_URLS: ReadonlySet<string> = new Set(Object.values(INGEST_PATHS).flat());

/** The request headers a browser may send to every other route. */
const STRICT_HEADERS = [
  'Content-Type',
  'Content-Encoding',
  'Authorization',
  'X-Pulse-User-Token',
  'If-None-Match',
  'If-Match',
];

/** The API as opposed to static files: a browser request from a foreign origin is refused. */
function isApiPath(path: string): boolean {
  return path.startsWith('/v1/') || INGEST_URLS.has(path) || (SOURCE_CONFIG_PATHS as readonly string[]).includes(path);
}

/**
 * CORS for browsers: in development any origin; in production the origins in
 * the config's `allowedOrigins` and the collector's own. A `/v1/` request from
 * any other origin is refused (`forbidden`) before anything else runs. The
 * ingestion paths' preflight allows whatever request headers the client asks for.
 *
 * @example
 * await installCors(app, ctx);
 */
export function installCors(app: FastifyInstance, ctx: CollectorContext): Promise<void> {
  // The write key is public, so a text/plain POST (which skips the preflight)
  // from a foreign page is refused outright rather than only left unreadable.
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !isApiPath(req.url.split('?')[0] ?? '') || isOriginAllowed(ctx, req)) return;
    throw new PulseError(
      'forbidden',
      `origin ${req.headers.origin} is not allowed: add it to allowedOrigins in the config`,
    );
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
