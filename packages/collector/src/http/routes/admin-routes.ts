import type { FastifyInstance } from 'fastify';
import { requireSecretKey } from '../../auth/credentials.js';
import { historyRows, scorable, scoredUsers, today, userEvents } from '../../analytics/load-population.js';
import { churnRisk, funnel, overview } from '../../analytics/population.js';
import { scoresAsOf, scoreTrend } from '../../analytics/trend.js';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';
import { userKey } from '../../store/user-keys.js';
import { readUserState } from '../../scoring/read-state.js';

function days(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw new PulseError('invalid', 'days: must be a whole number from 1 to 365');
  return n;
}

/**
 * The dashboard's read API (secret key): `GET /v1/admin/overview`, `/trend`,
 * `/churn-risk`, `/funnel` and `/users/{userId}` (with its lifecycle moves),
 * over identified users only; and `DELETE /v1/admin/users/{userId}`, which
 * erases everything stored about a user and answers what it deleted.
 *
 * @example
 * registerAdminRoutes(app, ctx);
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/v1/admin/') && req.method === 'GET') {
      requireSecretKey(req.credentials);
      reply.header('cache-control', 'no-store');
    }
  });

  app.get('/v1/admin/overview', async () => overview(await scoredUsers(ctx), ctx.configs.current().config, ctx.now()));

  app.get('/v1/admin/funnel', async () => funnel(await scoredUsers(ctx), ctx.configs.current().config));

  app.get<{ Querystring: { days?: string } }>('/v1/admin/trend', async (req) => {
    const n = days(req.query.days, 30);
    return { days: scoreTrend(await historyRows(ctx, today(ctx) - n + 1), n, ctx.now()) };
  });

  app.get<{ Querystring: { days?: string } }>('/v1/admin/churn-risk', async (req) => {
    const n = days(req.query.days, 7);
    const reference = today(ctx) - n;
    const previous = scoresAsOf(await historyRows(ctx, reference), reference);
    return { users: churnRisk(await scoredUsers(ctx), previous, ctx.configs.current().config) };
  });

  app.get<{ Params: { userId: string } }>('/v1/admin/users/:userId', async (req) => {
    const { userId } = req.params;
    const record = await ctx.store.getUser(ctx.project, userKey(userId));
    if (record === null) throw new PulseError('not-found', `user "${userId}" has no events`);
    const events = (await userEvents(ctx, record.key)).slice(-50).reverse();
    const lifecycle = await ctx.store.lifecycleHistory(ctx.project, record.key);
    return {
      userId,
      traits: record.traits,
      state: await readUserState(ctx, userId),
      lifecycle: lifecycle.map((m) => ({ from: m.from, to: m.to, at: new Date(m.at).toISOString() })),
      events: events.map((e) => {
        const s = scorable(e);
        return { type: e.type, event: s.event, timestamp: new Date(e.at).toISOString(), properties: s.properties };
      }),
    };
  });

  app.delete<{ Params: { userId: string } }>('/v1/admin/users/:userId', async (req) => {
    requireSecretKey(req.credentials);
    const { userId } = req.params;
    return { userId, erased: await ctx.store.eraseUser(ctx.project, userKey(userId)) };
  });
}
