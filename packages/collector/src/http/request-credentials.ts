import type { FastifyInstance } from 'fastify';
import { readCredentials, type Credentials } from '../auth/credentials.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's credentials, read once by the `onRequest` hook of `installRequestCredentials`. */
    credentials: Credentials;
  }
}

/**
 * Reads every request's `Authorization` and `X-Pulse-User-Token` once, into
 * `request.credentials`, before any route or route hook runs (so the secret key
 * is compared once per request, however many checks look at it). Install it
 * after CORS, so a refused origin never gets its key looked at.
 *
 * @example
 * installRequestCredentials(app, ctx.secretKey);
 * app.get('/v1/admin/x', async (req) => requireSecretKey(req.credentials));
 */
export function installRequestCredentials(app: FastifyInstance, secretKey: string): void {
  app.decorateRequest('credentials', null as unknown as Credentials);
  app.addHook('onRequest', async (req) => {
    req.credentials = readCredentials(req.headers, secretKey);
  });
}
