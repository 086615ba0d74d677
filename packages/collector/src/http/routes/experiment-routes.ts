import type { FastifyInstance } from 'fastify';
import { requireSecretKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { analyzeExperiment } from '../../experiments/analyze-experiment.js';
import { exposedUsers } from '../../experiments/experiment-users.js';
import { PulseError } from '../../errors.js';

/**
 * `GET /v1/experiments` (every nudge's results) and
 * `GET /v1/experiments/{nudgeId}/results` (secret key): exposure, conversion,
 * lift with its confidence interval, p-value, SRM check and verdict.
 *
 * @example
 * registerExperimentRoutes(app, ctx);
 */
export function registerExperimentRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get('/v1/experiments', async (req, reply) => {
    requireSecretKey(req.credentials);
    reply.header('cache-control', 'no-store');
    const nudges = ctx.configs.current().config.nudges ?? [];
    const experiments = [];
    for (const nudge of nudges) experiments.push(analyzeExperiment(nudge, await exposedUsers(ctx, nudge)));
    return { experiments };
  });

  app.get<{ Params: { nudgeId: string } }>('/v1/experiments/:nudgeId/results', async (req, reply) => {
    requireSecretKey(req.credentials);
    const nudge = (ctx.configs.current().config.nudges ?? []).find((n) => n.id === req.params.nudgeId);
    if (nudge === undefined) throw new PulseError('not-found', `nudge "${req.params.nudgeId}" is not in the config`);
    reply.header('cache-control', 'no-store');
    return analyzeExperiment(nudge, await exposedUsers(ctx, nudge));
  });
}
