import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { ExperimentResults } from '../../contract/experiment-results.js';
import { ExperimentList, PlanningQuery } from '../../contract/experiments.js';
import { analyzeExperiment } from '../../experiments/analyze-experiment.js';
import { exposedUsers } from '../../experiments/experiment-users.js';
import { PulseError } from '../../errors.js';

const list = {
  summary: "Every nudge's experiment results",
  security: SECRET_KEY,
  response: { 200: ExperimentList, ...SECRET_KEY_ERRORS },
};

const results = {
  summary:
    'One nudge: per variant exposed, converted, rate and lift vs control (fixed-horizon, always-valid, CUPED), the Bayesian view, guardrails, planning, the daily series, SRM check and verdict',
  description: 'Planning options override the nudge’s `analysis` settings. Method: docs/experiments.md.',
  security: SECRET_KEY,
  params: Type.Object({ nudgeId: Type.String() }),
  querystring: PlanningQuery,
  response: {
    200: ExperimentResults,
    400: errorResponse('`mde` or `power` out of range (the message names it)'),
    404: errorResponse('A nudge not in the config'),
    ...SECRET_KEY_ERRORS,
  },
};

/**
 * `GET /v1/experiments` (every nudge's results) and
 * `GET /v1/experiments/{nudgeId}/results` (secret key): exposure, conversion,
 * fixed-horizon, always-valid and CUPED lifts, the Bayesian view, guardrails,
 * planning (`?mde=`, `?power=`), the daily series, SRM check and verdict
 * (docs/experiments.md).
 *
 * @example
 * registerExperimentRoutes(app, ctx);
 */
export function registerExperimentRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Reply: ExperimentList }>(
    '/v1/experiments',
    { schema: list, config: { permission: 'read' } },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      const nudges = ctx.configs.current().config.nudges ?? [];
      const experiments = [];
      for (const nudge of nudges) {
        experiments.push(analyzeExperiment(nudge, await exposedUsers(ctx, nudge), { now: ctx.now() }));
      }
      return { experiments };
    },
  );

  app.get<{ Params: { nudgeId: string }; Querystring: PlanningQuery; Reply: ExperimentResults }>(
    '/v1/experiments/:nudgeId/results',
    { schema: results, config: { permission: 'read' } },
    async (req, reply) => {
      const { mde, power } = req.query;
      const nudge = (ctx.configs.current().config.nudges ?? []).find((n) => n.id === req.params.nudgeId);
      if (nudge === undefined) throw new PulseError('not-found', `nudge "${req.params.nudgeId}" is not in the config`);
      reply.header('cache-control', 'no-store');
      return analyzeExperiment(nudge, await exposedUsers(ctx, nudge), {
        ...(mde === undefined ? {} : { minDetectableEffect: mde }),
        ...(power === undefined ? {} : { power }),
        now: ctx.now(),
      });
    },
  );
}
