import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireUserAccess } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { GroupState, UserStateResponse } from '../../contract/state.js';
import { PulseError } from '../../errors.js';
import { readGroupState, readUserState } from '../../scoring/read-state.js';
import { readAfter } from './read-after.js';

const userState = {
  summary: "A user's authoritative state",
  description:
    'Cache-Control: no-store. A user without events gets the empty state (score 0). With `after` (the `position` an ingest answer carried), waits up to 2 s for the workers to apply those events; the `X-Pulse-Behind` header says how many request batches are still to apply (0: caught up).',
  security: [{ userToken: [] }, ...SECRET_KEY],
  params: Type.Object({ userId: Type.String() }),
  querystring: Type.Object({
    after: Type.Optional(Type.String({ description: 'A position token from an ingest answer' })),
  }),
  response: {
    200: UserStateResponse,
    401: errorResponse('Missing credentials, or a token for another user'),
    503: SECRET_KEY_ERRORS[503],
  },
};

const groupState = {
  summary: "A group's score: the mean of its members' scores",
  security: SECRET_KEY,
  params: Type.Object({ groupId: Type.String() }),
  response: { 200: GroupState, 404: errorResponse('A group without members'), ...SECRET_KEY_ERRORS },
};

/**
 * `GET /v1/users/{userId}/state` (identity token or secret key) and
 * `GET /v1/groups/{groupId}/state` (secret key).
 *
 * @example
 * registerStateRoutes(app, ctx);
 */
export function registerStateRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Params: { userId: string }; Querystring: { after?: string }; Reply: UserStateResponse }>(
    '/v1/users/:userId/state',
    { schema: userState },
    async (req, reply) => {
      const { userId } = req.params;
      requireUserAccess(req.credentials, userId);
      reply.header('cache-control', 'no-store');
      if (req.query.after !== undefined) reply.header('x-pulse-behind', String(await readAfter(ctx, req.query.after)));
      return readUserState(ctx, userId);
    },
  );

  app.get<{ Params: { groupId: string }; Reply: GroupState }>(
    '/v1/groups/:groupId/state',
    { schema: groupState, config: { permission: 'read' } },
    async (req, reply) => {
      const state = await readGroupState(ctx, req.params.groupId);
      if (state === null) throw new PulseError('not-found', `group "${req.params.groupId}" has no members`);
      reply.header('cache-control', 'no-store');
      return state;
    },
  );
}
