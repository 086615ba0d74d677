// The results' shapes are the HTTP contract (`contract/experiment-results.ts`), where
// their JSON schemas serialise and document the route; the analysis builds them.
export type {
  AnalysisMethod,
  BayesianArm,
  CupedResult,
  DayResult,
  Decision,
  ExperimentResults,
  GuardrailResult,
  Harm,
  LiftEstimate,
  Planning,
  VariantResult,
  Verdict,
} from '../contract/experiment-results.js';
export type { Interval } from '../contract/common.js';

/**
 * One exposed user, as the analysis needs them: the variant they were assigned,
 * whether they converted within the goal window and, when known, when; the two
 * pre-exposure covariates CUPED uses (their engagement score at exposure and how
 * often they sent the goal event in the 14 days before); their score at the end
 * of the window (the score-change guardrail) and the guardrail events they sent
 * within the window.
 *
 * @example
 * const u: ExposedUser = { variant: 'social', converted: true, scoreBefore: 20, scoreAfter: 34,
 *   exposedAt: Date.parse('2026-11-02T10:00:00Z'), convertedAt: Date.parse('2026-11-03T09:00:00Z'),
 *   goalCountBefore: 0, guardrailEvents: [] };
 */
export interface ExposedUser {
  variant: string;
  converted: boolean;
  /** Engagement score at exposure. */
  scoreBefore?: number;
  /** Engagement score at the end of the goal window (or now, if sooner). */
  scoreAfter?: number;
  /** First exposure, ms since the epoch. */
  exposedAt?: number;
  /** First goal event within the window, ms since the epoch; `null` if none. */
  convertedAt?: number | null;
  /** Goal events in the 14 days before exposure. */
  goalCountBefore?: number;
  /** The configured guardrail events the user sent within the goal window after exposure. */
  guardrailEvents?: string[];
}
