import { Type, type Static } from 'typebox';

// `GET /v1/admin/scores` and the `?score=` every dashboard read takes.

/**
 * One score of the config as the dashboard lists it.
 *
 * @example
 * const s: ScoreSummary = { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', isDefault: false, bands: [] };
 */
export const ScoreSummary = Type.Object({
  id: Type.String(),
  label: Type.String(),
  description: Type.Optional(Type.String()),
  direction: Type.Union([Type.Literal('higher-is-better'), Type.Literal('higher-is-worse')]),
  isDefault: Type.Boolean({ description: "The score today's top-level state fields show" }),
  bands: Type.Array(Type.Object({ id: Type.String(), label: Type.Optional(Type.String()), min: Type.Number() }), {
    description: "The bands of the score's models, lowest first",
  }),
});
export type ScoreSummary = Static<typeof ScoreSummary>;

/**
 * `GET /v1/admin/scores`: every score of the config, in config order.
 *
 * @example
 * const { scores, defaultScore }: ScoreList = await api.get<ScoreList>('/v1/admin/scores');
 */
export const ScoreList = Type.Object(
  { scores: Type.Array(ScoreSummary), defaultScore: Type.String() },
  { description: 'Every score of the config' },
);
export type ScoreList = Static<typeof ScoreList>;

/** `?score=`: which score a view shows (default: the default score). */
export const scoreParam = Type.Optional(
  Type.String({ minLength: 1, description: 'The score to show (a score id; default: the default score)' }),
);

/**
 * The query of a view that only picks a score.
 *
 * @example
 * app.get('/v1/admin/overview', { schema: { querystring: ScoreQuery } }, handler);
 */
export const ScoreQuery = Type.Object({ score: scoreParam });
export type ScoreQuery = Static<typeof ScoreQuery>;
