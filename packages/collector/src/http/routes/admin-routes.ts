import type { FastifyInstance } from 'fastify';
import { historyRows, scorable, scoredUsers, today, userEvents } from '../../analytics/load-population.js';
import { churnRisk, funnel, overview } from '../../analytics/population.js';
import { funnelOverTime } from '../../analytics/funnel-over-time.js';
import { scoresAsOf, scoreTrend } from '../../analytics/trend.js';
import type { CollectorContext } from '../../collector-context.js';
import {
  ChurnRisk,
  daysQuery,
  Erasure,
  Funnel,
  Overview,
  Trend,
  UserDetail,
  UserIdParams,
} from '../../contract/admin.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { PulseError } from '../../errors.js';
import { userKey } from '../../store/user-keys.js';
import { readUserState } from '../../scoring/read-state.js';
import { scoreList, scoreView, usersForScore } from '../../analytics/score-view.js';
import { ScoreList, ScoreQuery } from '../../contract/scores.js';

/** The weeks of the funnel's "over time". */
const FUNNEL_WEEKS = 12;

const READ = { permission: 'read' } as const;
const BAD_QUERY = { 400: errorResponse('A query parameter is out of range (the message names it)') };

/** The schema of a dashboard read: `extra` adds its parameters, `errors` its own error responses. */
const read = (summary: string, response: unknown, extra: Record<string, unknown> = {}, errors = {}) => ({
  summary,
  description: 'Identified users only. Cache-Control: no-store.',
  security: SECRET_KEY,
  ...extra,
  response: { 200: response, ...errors, ...SECRET_KEY_ERRORS },
});

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
    // Who may call each route is checked by http/permissions.ts (`config.permission`).
    if (req.url.startsWith('/v1/admin/') && req.method === 'GET') reply.header('cache-control', 'no-store');
  });

  app.get<{ Reply: ScoreList }>(
    '/v1/admin/scores',
    { config: READ, schema: read('Every score of the config with its bands (what `?score=` picks from)', ScoreList) },
    async () => scoreList(ctx.configs.current().config),
  );

  const byScore = (summary: string, response: unknown) =>
    read(summary, response, { querystring: ScoreQuery }, BAD_QUERY);
  app.get<{ Querystring: ScoreQuery; Reply: Overview }>(
    '/v1/admin/overview',
    { config: READ, schema: byScore('Users, average score, score histogram and band counts of one score', Overview) },
    async (req) => {
      const { score, config } = scoreView(ctx.configs.current().config, req.query.score);
      return overview(usersForScore(await scoredUsers(ctx), score.id), config, ctx.now());
    },
  );

  app.get<{ Querystring: ScoreQuery; Reply: Funnel }>(
    '/v1/admin/funnel',
    { config: READ, schema: byScore("Users who completed each milestone of one score's models", Funnel) },
    async (req) => {
      const { score, config } = scoreView(ctx.configs.current().config, req.query.score);
      const users = usersForScore(await scoredUsers(ctx), score.id);
      const now = funnel(users, config);
      const ids = now.milestones.map((m) => m.id);
      return { ...now, overTime: funnelOverTime(users, ids, ctx.now(), FUNNEL_WEEKS) };
    },
  );

  const trend = read(
    'Average score and band sizes per day (default: the last 30)',
    Trend,
    { querystring: daysQuery(30) },
    BAD_QUERY,
  );
  app.get<{ Querystring: { days: number; score?: string }; Reply: Trend }>(
    '/v1/admin/trend',
    { config: READ, schema: trend },
    async (req) => {
      const n = req.query.days;
      const { score } = scoreView(ctx.configs.current().config, req.query.score);
      return { days: scoreTrend(await historyRows(ctx, today(ctx) - n + 1, score.id), n, ctx.now()) };
    },
  );

  const churn = read(
    'Users whose band dropped in the last `days` (default 7)',
    ChurnRisk,
    { querystring: daysQuery(7) },
    BAD_QUERY,
  );
  app.get<{ Querystring: { days: number; score?: string }; Reply: ChurnRisk }>(
    '/v1/admin/churn-risk',
    { config: READ, schema: churn },
    async (req) => {
      const reference = today(ctx) - req.query.days;
      const { score, config } = scoreView(ctx.configs.current().config, req.query.score);
      const previous = scoresAsOf(await historyRows(ctx, reference, score.id), reference);
      return { users: churnRisk(usersForScore(await scoredUsers(ctx), score.id), previous, config) };
    },
  );

  const user = read(
    "A user's traits, state, lifecycle moves (oldest first), latest 100 events and accounts",
    UserDetail,
    { params: UserIdParams },
    { 404: errorResponse('A user without events') },
  );
  app.get<{ Params: { userId: string }; Reply: UserDetail }>(
    '/v1/admin/users/:userId',
    { config: READ, schema: user },
    async (req) => {
      const { userId } = req.params;
      const record = await ctx.store.getUser(ctx.project, userKey(userId));
      if (record === null) throw new PulseError('not-found', `user "${userId}" has no events`);
      const events = (await userEvents(ctx, record.key)).slice(-100).reverse();
      const lifecycle = await ctx.store.lifecycleHistory(ctx.project, record.key);
      const roleTrait = ctx.configs.current().config.accounts?.roleTrait ?? 'role';
      const role = record.traits[roleTrait];
      const groups = await ctx.store.groupsOf(ctx.project, record.key);
      return {
        userId,
        traits: record.traits,
        state: await readUserState(ctx, userId),
        lifecycle: lifecycle.map((m) => ({ from: m.from, to: m.to, at: new Date(m.at).toISOString() })),
        events: events.map((e) => {
          const s = scorable(e);
          return { type: e.type, event: s.event, timestamp: new Date(e.at).toISOString(), properties: s.properties };
        }),
        accounts: groups.map((accountId) => ({ accountId, role: typeof role === 'string' ? role : null })),
      };
    },
  );

  const erase = {
    summary:
      "Erase a user: their events (and their linked anonymous ids' events), rollups, score history, lifecycle moves, group memberships, links and pending webhooks",
    security: SECRET_KEY,
    params: UserIdParams,
    response: { 200: Erasure, ...SECRET_KEY_ERRORS },
  };
  app.delete<{ Params: { userId: string }; Reply: Erasure }>(
    '/v1/admin/users/:userId',
    { schema: erase, config: { permission: 'users:erase' } },
    async (req) => {
      const { userId } = req.params;
      return { userId, erased: await ctx.store.eraseUser(ctx.project, userKey(userId)) };
    },
  );
}
