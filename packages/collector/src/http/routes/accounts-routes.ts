import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { AccountDetail, AccountIdParams, AccountsPage, AccountsQuery } from '../../contract/accounts.js';
import { daysQuery } from '../../contract/admin.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { accountDetail, listAccounts } from '../../users/list-accounts.js';
import { SECRET_KEY_FIRST } from '../route-options.js';

/**
 * `GET /v1/admin/accounts` and `GET /v1/admin/accounts/{accountId}` (secret key).
 *
 * @example
 * registerAccountsRoutes(app, ctx);
 */
export function registerAccountsRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Querystring: AccountsQuery; Reply: AccountsPage }>(
    '/v1/admin/accounts',
    {
      onRequest: SECRET_KEY_FIRST,
      schema: {
        summary: 'Accounts (groups) with their aggregated score: filters, sort and cursor pages',
        description:
          "An account's score aggregates its identified members' scores (config accounts.aggregation, default mean). " +
          'Cache-Control: no-store.',
        security: SECRET_KEY,
        querystring: AccountsQuery,
        response: { 200: AccountsPage, 400: errorResponse('A bad filter (named)'), ...SECRET_KEY_ERRORS },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return listAccounts(ctx, req.query as Record<string, unknown>);
    },
  );

  app.get<{ Params: { accountId: string }; Querystring: { days: number }; Reply: AccountDetail }>(
    '/v1/admin/accounts/:accountId',
    {
      onRequest: SECRET_KEY_FIRST,
      schema: {
        summary: 'An account: score, band, members with scores and roles, daily history (default 60 days)',
        security: SECRET_KEY,
        params: AccountIdParams,
        querystring: daysQuery(60),
        response: {
          200: AccountDetail,
          400: errorResponse('days out of range'),
          404: errorResponse('An account without scored members'),
          ...SECRET_KEY_ERRORS,
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return accountDetail(ctx, req.params.accountId, req.query.days);
    },
  );
}
