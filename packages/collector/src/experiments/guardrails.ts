import { addObservation, emptyMoments, meanAndVariance, type Moments } from './stats/moments.js';
import { compareMeans } from './compare-arms.js';
import type { ExposedUser, GuardrailResult } from './experiment-results.js';
import type { ExperimentDesign } from './experiment-design.js';

interface Metric {
  id: string;
  kind: GuardrailResult['kind'];
  label: string;
  /** The value of one user, or `null` when it was not measured for them. */
  of: (u: ExposedUser) => number | null;
  /** +1 when a rise is harm (an event you want less of), −1 when a fall is (the score). */
  harmSign: 1 | -1;
}

function metrics(design: ExperimentDesign): Metric[] {
  return [
    {
      id: 'engagement-score',
      kind: 'score-change',
      label: 'engagement score',
      of: (u) => (u.scoreBefore === undefined || u.scoreAfter === undefined ? null : u.scoreAfter - u.scoreBefore),
      harmSign: -1,
    },
    ...design.guardrailEvents.map((event): Metric => ({
      id: `event:${event}`,
      kind: 'event',
      label: event,
      of: (u) => (u.guardrailEvents === undefined ? null : u.guardrailEvents.includes(event) ? 1 : 0),
      harmSign: 1,
    })),
  ];
}

function momentsOf(users: ExposedUser[], of: (u: ExposedUser) => number | null): Moments {
  const m = emptyMoments(0);
  for (const u of users) {
    const v = of(u);
    if (v !== null) addObservation(m, v, []);
  }
  return m;
}

/**
 * Each arm's guardrails: the mean engagement-score change from exposure to the
 * end of the goal window, and the share of users who sent each configured
 * guardrail event within the window; against the control, the difference with
 * its fixed-horizon and always-valid intervals. A guardrail is `harmed` when its
 * always-valid interval lies wholly on the wrong side of 0 (the score fell, the
 * event rose), so reading it daily does not raise false alarms either.
 *
 * @example
 * const perArm = guardrails(design, usersByArm);
 */
export function guardrails(design: ExperimentDesign, usersByArm: ExposedUser[][]): GuardrailResult[][] {
  const list = metrics(design);
  const byMetric = list.map((metric) => usersByArm.map((users) => momentsOf(users, metric.of)));
  return usersByArm.map((_, arm) =>
    list.map((metric, k): GuardrailResult => {
      const mine = byMetric[k]![arm]!;
      const control = byMetric[k]![design.controlIndex];
      const vs = arm === design.controlIndex || control === undefined ? null : compareMeans(mine, control, design);
      const [lo, hi] = vs?.sequential.ci ?? [0, 0];
      return {
        id: metric.id,
        kind: metric.kind,
        label: metric.label,
        users: mine.n,
        value: mine.n === 0 ? null : meanAndVariance(mine).mean,
        difference: vs?.difference ?? null,
        fixedHorizonCi: vs?.fixedHorizon.ci ?? null,
        sequentialCi: vs?.sequential.ci ?? null,
        pValue: vs?.sequential.pValue ?? null,
        harmed: vs !== null && (metric.harmSign > 0 ? lo > 0 : hi < 0),
      };
    }),
  );
}
