import type { PulseConfig } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { Contribution } from './admin.js';
import { nullable, passThrough } from './common.js';
import { Auc, OutcomeSpec } from './model-health.js';

// `POST /v1/admin/config/preview` and `GET /v1/admin/events/names`.

/**
 * The body of `POST /v1/admin/config/preview`: a draft config and what to compare.
 *
 * @example
 * const b: PreviewRequest = { config: draft, score: 'engagement', outcome: 'event:Subscription Renewed' };
 */
export const PreviewRequest = Type.Object({
  config: passThrough<PulseConfig>('The draft config, as PUT /v1/admin/config would take it'),
  score: Type.Optional(Type.String({ description: "The score compared; default: the draft's default score" })),
  outcome: Type.Optional(
    Type.String({
      description: 'What the score should predict, for the AUC: `event:<name>` or `retention:<from>-<to>`',
      examples: ['event:Subscription Renewed', 'retention:60-90'],
    }),
  ),
  within: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Days an event outcome may come in' })),
  at: Type.Optional(
    Type.String({ description: 'Observation date for the AUC, YYYY-MM-DD; default as GET /v1/admin/model-health' }),
  ),
});
export type PreviewRequest = Static<typeof PreviewRequest>;

/**
 * One user's score on one side of the preview, with each signal's part.
 *
 * @example
 * const s: PreviewSide = { modelId: 'saas', score: 63, band: 'medium', points: 50.4, contributions: [], inactivityPoints: 0 };
 */
export const PreviewSide = Type.Object({
  modelId: Type.String(),
  score: Type.Integer(),
  band: Type.String(),
  points: Type.Number(),
  contributions: Type.Array(Contribution),
  inactivityPoints: Type.Number(),
});
export type PreviewSide = Static<typeof PreviewSide>;

/**
 * What a draft config would do to one score, on the stored events, with nothing written.
 *
 * @example
 * const p: ConfigPreview = await api.send('POST', '/v1/admin/config/preview', { config: draft });
 */
export const ConfigPreview = Type.Object(
  {
    scoreId: Type.String(),
    at: Type.String({ description: 'When both sides are scored (now)' }),
    users: Type.Integer({ description: 'Identified users scored' }),
    events: Type.Integer({ description: 'Stored events read' }),
    usersChangingBand: Type.Integer(),
    usersChangingScore: Type.Integer(),
    bands: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.Optional(Type.String()),
        current: Type.Integer(),
        draft: Type.Integer(),
      }),
    ),
    histogram: Type.Array(
      Type.Object({ from: Type.Integer(), to: Type.Integer(), current: Type.Integer(), draft: Type.Integer() }),
    ),
    transitions: Type.Object(
      {
        from: Type.Array(Type.String()),
        to: Type.Array(Type.String()),
        counts: Type.Array(Type.Array(Type.Integer())),
      },
      { description: 'counts[i][j]: users now in band from[i] who would be in band to[j]' },
    ),
    movers: Type.Array(
      Type.Object({ userId: Type.String(), delta: Type.Integer(), current: PreviewSide, draft: PreviewSide }),
      { description: 'The users whose score moves most, largest move first' },
    ),
    auc: nullable(
      Type.Object({
        outcome: OutcomeSpec,
        outcomeText: Type.String(),
        at: Type.String(),
        horizon: Type.String(),
        users: Type.Integer(),
        positives: Type.Integer(),
        current: Auc,
        draft: Auc,
      }),
    ),
    ms: Type.Integer({ description: 'Time the preview took' }),
  },
  { description: 'A what-if of a draft config' },
);
export type ConfigPreview = Static<typeof ConfigPreview>;

/**
 * `GET /v1/admin/events/names`: the event names stored in the last `days` days, most frequent first.
 *
 * @example
 * const n: EventNames = { days: 30, since: '2026-11-02', events: [{ name: 'Project Created', count: 1204 }] };
 */
export const EventNames = Type.Object(
  {
    days: Type.Integer(),
    since: Type.String(),
    events: Type.Array(
      Type.Object({
        name: Type.String({ description: 'A track event name, or `$page` for page and screen views' }),
        count: Type.Integer(),
      }),
    ),
  },
  { description: 'Event names with their counts, most frequent first' },
);
export type EventNames = Static<typeof EventNames>;

/**
 * `GET /v1/admin/config/rescore`: how far the rescore after the latest config change has come.
 *
 * @example
 * const p: RescoreProgress = { running: true, done: 400, total: 1200, startedAt: '2026-12-02T10:00:00.000Z', finishedAt: null };
 */
export const RescoreProgress = Type.Object(
  {
    running: Type.Boolean(),
    done: Type.Integer({ description: 'Users rescored so far' }),
    total: Type.Integer({ description: 'Users to rescore' }),
    startedAt: nullable(Type.String()),
    finishedAt: nullable(Type.String()),
  },
  { description: 'The latest rescore: running or finished, users done of total' },
);
export type RescoreProgress = Static<typeof RescoreProgress>;
