import type { FastifyInstance } from 'fastify';
import { requireSecretKey, requireUserAccess } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';
import { readGroupState, readUserState } from '../../scoring/read-state.js';

/**
 * `GET /v1/users/{userId}/state` (identity token or secret key) and
 * `GET /v1/groups/{groupId}/state` (secret key).
 *
 * @example
 * registerStateRoutes(app, ctx);
 */
export function registerStateRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Params: { userId: string } }>('/v1/users/:userId/state', async (req, reply) => {
    const { userId } = req.params;
    requireUserAccess(req.credentials, userId);
    reply.header('cache-control', 'no-store');
    return readUserState(ctx, userId);
  });

  app.get<{ Params: { groupId: string } }>('/v1/groups/:groupId/state', async (req, reply) => {
    requireSecretKey(req.credentials);
    const state = await readGroupState(ctx, req.params.groupId);
    if (state === null) throw new PulseError('not-found', `group "${req.params.groupId}" has no members`);
    reply.header('cache-control', 'no-store');
    return state;
  });
}
