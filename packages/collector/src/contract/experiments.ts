import { Type, type Static } from 'typebox';
import { ExperimentResults } from './experiment-results.js';

// `GET /v1/experiments` and `GET /v1/experiments/{nudgeId}/results`.

/**
 * Planning options that override the nudge's `analysis` settings.
 *
 * @example
 * const q: PlanningQuery = { mde: 0.02, power: 0.9 };
 */
export const PlanningQuery = Type.Object({
  mde: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: 'Minimum detectable effect for planning: an absolute lift (0.02 = 2 points)',
    }),
  ),
  power: Type.Optional(
    Type.Number({ minimum: 0.5, exclusiveMaximum: 1, description: 'Power for planning (default 0.8)' }),
  ),
});
export type PlanningQuery = Static<typeof PlanningQuery>;

/**
 * `GET /v1/experiments`: every nudge's results, in config order.
 *
 * @example
 * const all: ExperimentList = await api.get<ExperimentList>('/v1/experiments');
 */
export const ExperimentList = Type.Object(
  { experiments: Type.Array(ExperimentResults) },
  { description: "Every nudge's experiment results" },
);
export type ExperimentList = Static<typeof ExperimentList>;
