import type { FastifyInstance } from 'fastify';
import { identityToken } from '../../auth/identity-token.js';
import type { CollectorContext } from '../../collector-context.js';
import { UserIdParams } from '../../contract/admin.js';
import { DevToken } from '../../contract/ops.js';

const schema = {
  summary: "Development only: a user's identity token (the HTTP twin of `pulse token <userId>`)",
  params: UserIdParams,
  response: { 200: DevToken },
};

/**
 * `GET /v1/dev/token/{userId}` → `{ userId, token }`: a user's identity token, for
 * demos and local development without a backend of their own (the HTTP twin of
 * `pulse token <userId>`). Anyone who can reach it can read any user's state, so
 * it exists only when explicitly enabled (`devTokens`, `pulse serve --dev-tokens`),
 * never by default and never in production mode.
 *
 * @example
 * registerDevRoutes(app, ctx, true); // in buildApp, before the static routes
 */
export function registerDevRoutes(app: FastifyInstance, ctx: CollectorContext, enabled: boolean): void {
  if (!enabled || !ctx.dev) return;
  app.get<{ Params: { userId: string }; Reply: DevToken }>('/v1/dev/token/:userId', { schema }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { userId: req.params.userId, token: identityToken(ctx.secretKey, req.params.userId) };
  });
}
