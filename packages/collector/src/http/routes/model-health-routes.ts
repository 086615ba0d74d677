import { DAY_MS, utcDay } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { calibrate } from '../../calibrate/calibrate.js';
import { DEFAULT_WITHIN_DAYS, parseDay, parseOutcome, type Outcome } from '../../calibrate/outcome.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { ModelHealth, ModelHealthQuery } from '../../contract/model-health.js';
import { PulseError } from '../../errors.js';

/** The latest observation day whose outcome window is fully observed by `horizonDay`. */
function latestObservableDay(outcome: Outcome, horizonDay: number): number {
  return outcome.kind === 'event' ? horizonDay - outcome.withinDays : horizonDay - outcome.toDay + 1;
}

const schema = {
  summary: 'How well the score predicts an outcome (AUC, rate per band and decile) and a suggested model',
  description: 'The report of `pulse calibrate`. It reads every event, so it takes seconds on a large store.',
  security: SECRET_KEY,
  querystring: ModelHealthQuery,
  response: {
    200: ModelHealth,
    400: errorResponse('A bad outcome, date, model or fit option (the message names the parameter)'),
    ...SECRET_KEY_ERRORS,
  },
};

/**
 * `GET /v1/admin/model-health` (secret key, checked by the admin routes' hook):
 * the calibration report of `pulse calibrate` for
 * `?outcome=event:<name>|retention:<from>-<to>`, with optional `at` (default:
 * the latest date whose outcome window is observed by yesterday), `within`,
 * `model`, `penalty` and `strength`. Reads every event, so it takes seconds on
 * large stores.
 *
 * @example
 * registerModelHealthRoutes(app, ctx);
 */
export function registerModelHealthRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Querystring: ModelHealthQuery; Reply: ModelHealth }>('/v1/admin/model-health', { schema }, async (req) => {
    const q = req.query;
    const outcome = parseOutcome(q.outcome, q.within ?? DEFAULT_WITHIN_DAYS);
    const horizonDay = utcDay(ctx.now()) - 1;
    const day = q.at === undefined || q.at === '' ? latestObservableDay(outcome, horizonDay) : parseDay(q.at);
    if (day > horizonDay) {
      throw new PulseError('invalid', `at: ${new Date(day * DAY_MS).toISOString().slice(0, 10)} is not before today`);
    }
    return calibrate({
      store: ctx.store,
      project: ctx.project,
      config: ctx.configs.current().document,
      outcome,
      day,
      horizonDay,
      ...(q.model === undefined || q.model === '' ? {} : { modelId: q.model }),
      penalty: q.penalty ?? 'l2',
      strength: q.strength ?? 0.01,
    });
  });
}
