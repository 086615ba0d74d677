import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { UsersPage, UsersQuery } from '../../contract/users.js';
import { listUsers, parseUsersQuery } from '../../users/list-users.js';
import { usersCsv } from '../../users/users-csv.js';
import { SECRET_KEY_FIRST } from '../route-options.js';

const BAD_FILTER = { 400: errorResponse('An unknown filter or a bad value (the message names each)') };

const list = {
  summary: 'Identified, scored users: filters (AND), sort and cursor pages',
  description:
    'Filters, sort and `limit` ≤ 500; `nextCursor` gives the next page. Pages are keyed on (sort value, user id): ' +
    'a user whose sort value does not change while you page appears exactly once. `Accept: text/csv` answers ' +
    'the whole filtered set as CSV, like `/v1/admin/users.csv`. Cache-Control: no-store.',
  security: SECRET_KEY,
  querystring: UsersQuery,
  response: { 200: UsersPage, ...BAD_FILTER, ...SECRET_KEY_ERRORS },
};

const csv = {
  summary: 'Every user matching the filters, as CSV (streamed, in list order)',
  description: 'The same filters and sort as `GET /v1/admin/users`; `limit` and `cursor` are ignored.',
  security: SECRET_KEY,
  querystring: UsersQuery,
  produces: ['text/csv'],
  response: {
    200: {
      description: 'userId, score, band, model, lastSeen, scoreChange7d, then trait.<name> columns',
      type: 'string',
    },
    ...BAD_FILTER,
    ...SECRET_KEY_ERRORS,
  },
};

/**
 * `GET /v1/admin/users` (a page, or CSV with `Accept: text/csv`) and
 * `GET /v1/admin/users.csv` (secret key).
 *
 * @example
 * registerUsersRoutes(app, ctx);
 */
export function registerUsersRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  const sendCsv = (query: Record<string, unknown>, reply: import('fastify').FastifyReply) => {
    const q = parseUsersQuery(query, ctx.configs.current().config, ctx.now());
    const date = new Date(ctx.now()).toISOString().slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="users-${date}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(Readable.from(usersCsv(ctx, q)));
  };

  app.get<{ Querystring: UsersQuery }>(
    '/v1/admin/users',
    { schema: list, onRequest: SECRET_KEY_FIRST },
    async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      if ((req.headers.accept ?? '').includes('text/csv')) return sendCsv(query, reply);
      reply.header('cache-control', 'no-store');
      return listUsers(ctx, parseUsersQuery(query, ctx.configs.current().config, ctx.now()));
    },
  );

  app.get<{ Querystring: UsersQuery }>(
    '/v1/admin/users.csv',
    { schema: csv, onRequest: SECRET_KEY_FIRST },
    async (req, reply) => sendCsv(req.query as Record<string, unknown>, reply),
  );
}
