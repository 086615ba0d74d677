import type { FastifyInstance } from 'fastify';
import { requireSecretKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { analyzeExperiment, type AnalysisOptions } from '../../experiments/analyze-experiment.js';
import { exposedUsers } from '../../experiments/experiment-users.js';
import { PulseError } from '../../errors.js';

/** A number from the query in [min, max) (or (min, max) when `open`), else a 400 that says which. */
function queryNumber(value: string | undefined, name: string, min: number, max: number, open: boolean) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (open && n === min) || n >= max) {
    throw new PulseError(
      'invalid',
      `${name}: must be a number ${open ? 'above' : 'from'} ${min} ${open ? 'and' : 'to'} below ${max}`,
    );
  }
  return n;
}

/** Planning options from `?mde=0.02&power=0.9` (they override the nudge's `analysis` settings). */
function planningQuery(query: { mde?: string; power?: string }): AnalysisOptions {
  const minDetectableEffect = queryNumber(query.mde, 'mde', 0, 1, true);
  const power = queryNumber(query.power, 'power', 0.5, 1, false);
  return {
    ...(minDetectableEffect === undefined ? {} : { minDetectableEffect }),
    ...(power === undefined ? {} : { power }),
  };
}

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
  app.get('/v1/experiments', async (req, reply) => {
    requireSecretKey(req.credentials);
    reply.header('cache-control', 'no-store');
    const nudges = ctx.configs.current().config.nudges ?? [];
    const experiments = [];
    for (const nudge of nudges) {
      experiments.push(analyzeExperiment(nudge, await exposedUsers(ctx, nudge), { now: ctx.now() }));
    }
    return { experiments };
  });

  app.get<{ Params: { nudgeId: string }; Querystring: { mde?: string; power?: string } }>(
    '/v1/experiments/:nudgeId/results',
    async (req, reply) => {
      requireSecretKey(req.credentials);
      const options = planningQuery(req.query);
      const nudge = (ctx.configs.current().config.nudges ?? []).find((n) => n.id === req.params.nudgeId);
      if (nudge === undefined) throw new PulseError('not-found', `nudge "${req.params.nudgeId}" is not in the config`);
      reply.header('cache-control', 'no-store');
      return analyzeExperiment(nudge, await exposedUsers(ctx, nudge), { ...options, now: ctx.now() });
    },
  );
}
