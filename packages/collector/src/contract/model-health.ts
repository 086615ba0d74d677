import type { PulseConfig, ScoringModel } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { Interval, nullable, passThrough } from './common.js';

// `GET /v1/admin/model-health`: the report of `pulse calibrate`.

/**
 * The query of `GET /v1/admin/model-health`.
 *
 * @example
 * const q: ModelHealthQuery = { outcome: 'retention:60-90', penalty: 'l2' };
 */
export const ModelHealthQuery = Type.Object({
  outcome: Type.String({
    minLength: 1,
    description: 'What the score should predict: `event:<name>` or `retention:<from>-<to>`',
    examples: ['retention:60-90', 'event:Subscription Renewed'],
  }),
  at: Type.Optional(
    Type.String({
      description:
        'Observation date, YYYY-MM-DD; default: the latest date whose outcome window is fully observed by yesterday',
    }),
  ),
  within: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 365, description: 'Days after `at` an event outcome may come (default 30)' }),
  ),
  score: Type.Optional(Type.String({ description: 'Score id; default: the default score' })),
  model: Type.Optional(Type.String({ description: "Model id; default: the score's default model" })),
  penalty: Type.Optional(Type.Union([Type.Literal('l2'), Type.Literal('l1')], { default: 'l2' })),
  strength: Type.Optional(Type.Number({ minimum: 0, default: 0.01, description: 'Regularisation strength' })),
});
export type ModelHealthQuery = Static<typeof ModelHealthQuery>;

/**
 * ROC AUC with its DeLong standard error and 95% CI; null fields when everyone
 * or no one had the outcome.
 *
 * @example
 * const a: Auc = { auc: 0.78, se: 0.012, ci: [0.756, 0.804], positives: 410, negatives: 1590 };
 */
export const Auc = Type.Object({
  auc: nullable(Type.Number()),
  se: nullable(Type.Number()),
  ci: nullable(Interval),
  positives: Type.Integer(),
  negatives: Type.Integer(),
});
export type Auc = Static<typeof Auc>;

/**
 * One band's outcome rate; `lift` is the band's rate over the other bands' rate.
 *
 * @example
 * const r: BandOutcome = { id: 'high', min: 70, users: 300, outcomes: 210, rate: 0.7, lift: 2.6 };
 */
export const BandOutcome = Type.Object({
  id: Type.String(),
  min: Type.Number(),
  label: Type.Optional(Type.String()),
  users: Type.Integer(),
  outcomes: Type.Integer(),
  rate: nullable(Type.Number()),
  lift: nullable(
    Type.Number({
      description: "This band's rate ÷ the rate of the users in the other bands (null when either is undefined or 0)",
    }),
  ),
});
export type BandOutcome = Static<typeof BandOutcome>;

/**
 * One score decile: its score range, mean score and outcome rate.
 *
 * @example
 * const d: Decile = { decile: 10, minScore: 81, maxScore: 100, users: 200, meanScore: 88.2, rate: 0.74 };
 */
export const Decile = Type.Object({
  decile: Type.Integer(),
  minScore: Type.Number(),
  maxScore: Type.Number(),
  users: Type.Integer(),
  meanScore: Type.Number(),
  rate: Type.Number(),
});
export type Decile = Static<typeof Decile>;

/**
 * One signal's place in the fit, strongest first: `coefficient` is the
 * log-odds change per standard deviation of its count.
 *
 * @example
 * const s: SignalFit = { id: 'invites', event: 'Teammate Invited', coefficient: 0.84, perCount: 0.31, currentWeight: 5, suggestedWeight: 10 };
 */
export const SignalFit = Type.Object({
  id: Type.String(),
  event: Type.String(),
  coefficient: Type.Number(),
  perCount: Type.Number(),
  currentWeight: Type.Number(),
  suggestedWeight: Type.Number(),
});
export type SignalFit = Static<typeof SignalFit>;

/**
 * The AUC at one observation date, of the current model recomputed from raw
 * events and of the recorded score history.
 *
 * @example
 * const p: AucPoint = { date: '2026-09-01', users: 812, positives: 301, auc: 0.74, ci: [0.71, 0.77], recordedAuc: null, recordedUsers: 0 };
 */
export const AucPoint = Type.Object({
  date: Type.String({ format: 'date' }),
  users: Type.Integer(),
  positives: Type.Integer(),
  auc: nullable(Type.Number()),
  ci: nullable(Interval),
  recordedAuc: nullable(Type.Number()),
  recordedUsers: Type.Integer(),
});
export type AucPoint = Static<typeof AucPoint>;

/**
 * What calibration predicts.
 *
 * @example
 * const o: OutcomeSpec = { kind: 'retention', fromDay: 60, toDay: 90 };
 */
export const OutcomeSpec = Type.Union([
  Type.Object({ kind: Type.Literal('event'), event: Type.String(), withinDays: Type.Integer() }),
  Type.Object({ kind: Type.Literal('retention'), fromDay: Type.Integer(), toDay: Type.Integer() }),
]);
export type OutcomeSpec = Static<typeof OutcomeSpec>;

/**
 * What `pulse calibrate` prints and `GET /v1/admin/model-health` returns.
 *
 * @example
 * const r: ModelHealth = await api.get<ModelHealth>('/v1/admin/model-health?outcome=retention%3A60-90');
 * r.current.auc.auc; // → 0.71
 */
export const ModelHealth = Type.Object(
  {
    modelId: Type.String(),
    outcome: OutcomeSpec,
    outcomeText: Type.String(),
    at: Type.String({ format: 'date' }),
    horizon: Type.String({ format: 'date' }),
    users: Type.Integer(),
    positives: Type.Integer(),
    rate: nullable(Type.Number()),
    current: Type.Object({ auc: Auc, bands: Type.Array(BandOutcome), deciles: Type.Array(Decile) }),
    signals: Type.Array(SignalFit),
    suggestion: nullable(
      Type.Object({
        model: passThrough<ScoringModel>('The suggested model'),
        config: passThrough<PulseConfig>('The full config with the suggested model, for PUT /v1/admin/config'),
        fit: Type.Object({
          penalty: Type.Union([Type.Literal('l2'), Type.Literal('l1')]),
          strength: Type.Number(),
          trainUsers: Type.Integer(),
        }),
        heldOut: Type.Object({
          users: Type.Integer(),
          positives: Type.Integer(),
          current: Auc,
          suggested: Auc,
          bands: Type.Array(BandOutcome),
        }),
      }),
    ),
    aucOverTime: Type.Array(AucPoint),
    warnings: Type.Array(Type.String()),
  },
  { description: 'Calibration report: AUC, rate per band and decile, and a suggested model' },
);
export type ModelHealth = Static<typeof ModelHealth>;
