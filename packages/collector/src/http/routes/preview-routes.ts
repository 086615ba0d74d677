import { DAY_MS, normalizeConfig, scoreDefinition, utcDay, validateConfig, type PulseConfig } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_WITHIN_DAYS, parseDay, parseOutcome, type Outcome } from '../../calibrate/outcome.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { InvalidConfig } from '../../contract/config.js';
import { ConfigPreview, EventNames, PreviewRequest, RescoreProgress } from '../../contract/preview.js';
import { PulseError } from '../../errors.js';
import { previewConfig } from '../../preview/preview-config.js';
import { DOCUMENTED_ONLY } from '../route-options.js';
import { Type } from 'typebox';

const previewSchema = {
  summary: 'What a draft config would do to one score, computed on the stored events; nothing is written',
  description:
    'Scores every identified user under the current config and the draft from their stored events (as a rescore would), and answers band counts, a score histogram, the band transition matrix, the 20 users whose score moves most with their per-signal contributions, and with `outcome` the ROC AUC of both. Reads every event, so it takes seconds on a large store.',
  security: SECRET_KEY,
  body: PreviewRequest,
  response: { 200: ConfigPreview, 400: InvalidConfig, ...SECRET_KEY_ERRORS },
};

const namesSchema = {
  summary: 'The event names stored recently, with counts, most frequent first (the model editor’s event picker)',
  security: SECRET_KEY,
  querystring: Type.Object({
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Days to look back' })),
  }),
  response: { 200: EventNames, 400: errorResponse('A bad `days`'), ...SECRET_KEY_ERRORS },
};

const progressSchema = {
  summary: 'How far the rescore after the latest config change has come',
  security: SECRET_KEY,
  response: { 200: RescoreProgress, ...SECRET_KEY_ERRORS },
};

/** The latest observation day whose outcome window is fully observed by `horizonDay` (as model health picks it). */
function latestObservableDay(outcome: Outcome, horizonDay: number): number {
  return outcome.kind === 'event' ? horizonDay - outcome.withinDays : horizonDay - outcome.toDay + 1;
}

/**
 * Wraps `ctx.rescore` so every run (after a config write, a rollback or a
 * backfill) reports how far it has come: what `GET /v1/admin/config/rescore`
 * answers while `PUT /v1/admin/config` waits for its rescore.
 *
 * @example
 * const progress = trackRescores(ctx);
 */
export function trackRescores(ctx: CollectorContext): RescoreProgress {
  const progress: RescoreProgress = { running: false, done: 0, total: 0, startedAt: null, finishedAt: null };
  const inner = ctx.rescore;
  ctx.rescore = async (onProgress) => {
    Object.assign(progress, { running: true, done: 0, total: 0, startedAt: new Date(ctx.now()).toISOString() });
    progress.finishedAt = null;
    try {
      return await inner((done, total) => {
        progress.done = done;
        progress.total = total;
        onProgress?.(done, total);
      });
    } finally {
      progress.running = false;
      progress.finishedAt = new Date(ctx.now()).toISOString();
    }
  };
  return progress;
}

/**
 * `POST /v1/admin/config/preview` (permission `read`: it writes nothing) —
 * the what-if of a draft config; `GET /v1/admin/events/names` (`read`) — the
 * event names stored in the last `days` days with counts; and
 * `GET /v1/admin/config/rescore` (`read`) — the progress of the rescore that
 * follows a config change.
 *
 * @example
 * registerPreviewRoutes(app, ctx, trackRescores(ctx));
 */
export function registerPreviewRoutes(app: FastifyInstance, ctx: CollectorContext, progress: RescoreProgress): void {
  // The draft is checked by validateConfig, which lists every issue by path (as PUT does).
  app.post<{ Body: PreviewRequest; Reply: ConfigPreview }>(
    '/v1/admin/config/preview',
    { schema: previewSchema, validatorCompiler: DOCUMENTED_ONLY, config: { permission: 'read' } },
    async (req) => {
      const body = req.body as unknown;
      if (typeof body !== 'object' || body === null || !('config' in body)) {
        throw new PulseError('invalid', 'body: send { "config": <the draft config>, "score"?, "outcome"? }');
      }
      const q = body as PreviewRequest;
      const issues = validateConfig(q.config);
      if (issues.length > 0) {
        const first = issues[0] as { path: string; message: string };
        throw new PulseError('invalid', `invalid config: ${first.path} ${first.message}`, {
          details: { issues: issues.map((i) => ({ ...i, path: `config.${i.path}`.replace(/\.$/, '') })) },
        });
      }
      const draft = normalizeConfig(q.config as PulseConfig);
      const current = ctx.configs.current().config;
      if (q.score !== undefined && typeof q.score !== 'string')
        throw new PulseError('invalid', 'score: must be a string');
      const scoreId = q.score ?? draft.defaultScore;
      if (scoreDefinition(draft, scoreId) === undefined) {
        throw new PulseError(
          'invalid',
          `score: no score "${scoreId}" in the draft (${draft.scores.map((s) => s.id).join(', ')})`,
        );
      }
      if (scoreDefinition(current, scoreId) === undefined) {
        throw new PulseError(
          'invalid',
          `score: "${scoreId}" is not a score of the current config, so there is nothing to compare it with; apply it first`,
        );
      }
      let outcome: { outcome: Outcome; day: number; horizonDay: number } | undefined;
      if (q.outcome !== undefined && q.outcome !== '') {
        if (typeof q.outcome !== 'string') throw new PulseError('invalid', 'outcome: must be a string');
        const within = q.within ?? DEFAULT_WITHIN_DAYS;
        const spec = parseOutcome(q.outcome, typeof within === 'number' ? within : NaN);
        const horizonDay = utcDay(ctx.now()) - 1;
        const day = q.at === undefined || q.at === '' ? latestObservableDay(spec, horizonDay) : parseDay(String(q.at));
        if (day > horizonDay) {
          throw new PulseError(
            'invalid',
            `at: ${new Date(day * DAY_MS).toISOString().slice(0, 10)} is not before today`,
          );
        }
        outcome = { outcome: spec, day, horizonDay };
      }
      return previewConfig({
        store: ctx.store,
        project: ctx.project,
        current,
        draft,
        scoreId,
        now: ctx.now(),
        ...(outcome === undefined ? {} : { outcome }),
      });
    },
  );

  app.get<{ Querystring: { days?: number }; Reply: EventNames }>(
    '/v1/admin/events/names',
    { schema: namesSchema, config: { permission: 'read' } },
    async (req) => {
      const days = req.query.days ?? 30;
      const since = (utcDay(ctx.now()) - days + 1) * DAY_MS;
      const rows = await ctx.store.eventNameCounts(ctx.project, since);
      rows.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { days, since: new Date(since).toISOString().slice(0, 10), events: rows };
    },
  );

  app.get<{ Reply: RescoreProgress }>(
    '/v1/admin/config/rescore',
    { schema: progressSchema, config: { permission: 'read' } },
    async () => ({ ...progress }),
  );
}
