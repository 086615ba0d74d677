import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireUserAccess } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { HistoryQuery, ScoreHistory } from '../../contract/users.js';
import { readHistory } from '../../users/read-history.js';

const history = {
  summary: "A user's daily score, band and model, oldest first",
  description:
    "One entry per UTC day from the user's first event (or `days` ago) to today; each equals the scorer's result " +
    'for their events with now = the end of that day. Backfilled from raw events by every rescore. Cache-Control: no-store.',
  security: [{ userToken: [] }, ...SECRET_KEY],
  params: Type.Object({ userId: Type.String() }),
  querystring: HistoryQuery,
  response: {
    200: ScoreHistory,
    400: errorResponse('days out of range'),
    401: errorResponse('Missing credentials, or a token for another user'),
    404: errorResponse('A user without events'),
    503: SECRET_KEY_ERRORS[503],
  },
};

const backfill = {
  summary:
    "Rebuild every user's rollups from raw events and backfill the daily history before each user's first recorded day",
  description: 'What `pulse rescore` does; the seed calls it after sending events with past timestamps.',
  security: SECRET_KEY,
  response: {
    200: Type.Object(
      { users: Type.Integer(), events: Type.Integer(), bandChanges: Type.Integer(), modelChanges: Type.Integer() },
      { additionalProperties: true, description: 'What the rebuild did' },
    ),
    ...SECRET_KEY_ERRORS,
  },
};

/**
 * `GET /v1/users/{userId}/history?days=N` (the user's identity token or the secret key)
 * and `POST /v1/admin/history/backfill` (secret key).
 *
 * @example
 * registerHistoryRoutes(app, ctx);
 */
export function registerHistoryRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Params: { userId: string }; Querystring: HistoryQuery; Reply: ScoreHistory }>(
    '/v1/users/:userId/history',
    {
      schema: history,
      onRequest: async (req) => requireUserAccess(req.credentials, (req.params as { userId: string }).userId),
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return readHistory(ctx, req.params.userId, req.query.days ?? 90, req.query.score);
    },
  );

  app.post('/v1/admin/history/backfill', { schema: backfill, config: { permission: 'config:write' } }, async () =>
    ctx.rescore(),
  );
}
