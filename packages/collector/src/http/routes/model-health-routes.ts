import { DAY_MS, utcDay } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { requireSecretKey } from '../../auth/credentials.js';
import { calibrate } from '../../calibrate/calibrate.js';
import { PENALTIES, type Penalty } from '../../calibrate/logistic-fit.js';
import { DEFAULT_WITHIN_DAYS, parseDay, parseOutcome, type Outcome } from '../../calibrate/outcome.js';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';

interface ModelHealthQuery {
  outcome?: string;
  at?: string;
  within?: string;
  model?: string;
  penalty?: string;
  strength?: string;
}

/** The latest observation day whose outcome window is fully observed by `horizonDay`. */
function latestObservableDay(outcome: Outcome, horizonDay: number): number {
  return outcome.kind === 'event' ? horizonDay - outcome.withinDays : horizonDay - outcome.toDay + 1;
}

function numberParam(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new PulseError('invalid', `${name}: must be a number`);
  return n;
}

/**
 * `GET /v1/admin/model-health` (secret key): the calibration report of
 * `pulse calibrate` for `?outcome=event:<name>|retention:<from>-<to>`, with
 * optional `at` (default: the latest date whose outcome window is observed by
 * yesterday), `within`, `model`, `penalty` and `strength`. Reads every event,
 * so it takes seconds on large stores.
 *
 * @example
 * registerModelHealthRoutes(app, ctx);
 */
export function registerModelHealthRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Querystring: ModelHealthQuery }>('/v1/admin/model-health', async (req) => {
    requireSecretKey(req.credentials);
    const q = req.query;
    if (q.outcome === undefined || q.outcome === '') {
      throw new PulseError('invalid', 'outcome: required, e.g. retention:60-90 or event:Subscription Renewed');
    }
    const outcome = parseOutcome(q.outcome, numberParam(q.within, 'within', DEFAULT_WITHIN_DAYS));
    const horizonDay = utcDay(ctx.now()) - 1;
    const day = q.at === undefined || q.at === '' ? latestObservableDay(outcome, horizonDay) : parseDay(q.at);
    const penalty = q.penalty ?? 'l2';
    if (!(PENALTIES as readonly string[]).includes(penalty))
      throw new PulseError('invalid', 'penalty: must be l2 or l1');
    const strength = numberParam(q.strength, 'strength', 0.01);
    if (strength < 0) throw new PulseError('invalid', 'strength: must be ≥ 0');
    if (day > horizonDay) {
      throw new PulseError('invalid', `at: ${new Date(day * DAY_MS).toISOString().slice(0, 10)} is not before today`);
    }
    return calibrate({
      store: ctx.store,
      project: ctx.project,
      config: ctx.configs.current().config,
      outcome,
      day,
      horizonDay,
      ...(q.model === undefined || q.model === '' ? {} : { modelId: q.model }),
      penalty: penalty as Penalty,
      strength,
    });
  });
}
