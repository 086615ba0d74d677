import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CollectorContext } from '../collector-context.js';
import { PulseError } from '../errors.js';

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

/**
 * CORS for browsers: in development any origin; in production the origins in
 * the config's `allowedOrigins` and the collector's own. A `/v1/` request from
 * any other origin is refused (`forbidden`) before anything else runs.
 *
 * @example
 * await installCors(app, ctx);
 */
export function installCors(app: FastifyInstance, ctx: CollectorContext): Promise<void> {
  // The write key is public, so a text/plain POST (which skips the preflight)
  // from a foreign page is refused outright rather than only left unreadable.
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !req.url.startsWith('/v1/') || isOriginAllowed(ctx, req)) return;
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
        allowedHeaders: ['Content-Type', 'Content-Encoding', 'Authorization', 'X-Pulse-User-Token', 'If-None-Match'],
        exposedHeaders: ['Retry-After', 'ETag', 'Date'],
        maxAge: 86_400,
      }),
  }) as unknown as Promise<void>;
}
