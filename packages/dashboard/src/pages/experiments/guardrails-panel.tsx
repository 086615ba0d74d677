import type { ExperimentResults, GuardrailResult } from '@pulse/collector/contract';
import { percent } from '../../format.js';
import { pts, scoreChange, span } from './experiment-format.js';

const value = (g: GuardrailResult) =>
  g.value === null ? '—' : g.kind === 'event' ? `${percent(g.value)} of users` : `score ${scoreChange(g.value)}`;

const difference = (g: GuardrailResult) => {
  if (g.difference === null || g.sequentialCi === null) return '—';
  if (g.kind === 'event') return `${pts(g.difference)} pts (${span(g.sequentialCi)})`;
  const ci = g.sequentialCi.map(scoreChange).join(' to ');
  return `${scoreChange(g.difference)} (${ci})`;
};

/**
 * The metrics a nudge must not make worse, per treatment against control, with
 * their always-valid interval and a verdict ("Harmed" / "No harm detected").
 *
 * @example
 * <GuardrailsPanel e={results} />
 */
export function GuardrailsPanel({ e }: { e: ExperimentResults }) {
  const control = e.variants.find((v) => v.control);
  const treatments = e.variants.filter((v) => !v.control);
  if (control === undefined || treatments.length === 0) return null;
  const events = e.method.guardrailEvents;
  return (
    <section class="panel">
      <h3 id={`guardrails-${e.nudgeId}`}>Guardrails</h3>
      <p class="help">
        Metrics the nudge must not make worse: the average change in users’ engagement score over the{' '}
        {e.goal.withinDays} days after exposure
        {events.length > 0 ? `, and the share of users who sent ${events.join(', ')} in that time` : ''}. Intervals are
        always-valid.
      </p>
      <div class="table-scroll">
        <table class="guardrails">
          <thead>
            <tr>
              <th scope="col">Guardrail</th>
              <th scope="col">Variant</th>
              <th scope="col">In the variant</th>
              <th scope="col">In control</th>
              <th scope="col">Difference (interval)</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {treatments.flatMap((v) =>
              v.guardrails.map((g) => {
                const base = control.guardrails.find((c) => c.id === g.id);
                return (
                  <tr key={`${v.id}:${g.id}`} data-guardrail={g.id} data-variant={v.id}>
                    <th scope="row">{g.kind === 'score-change' ? 'Engagement score change' : g.label}</th>
                    <td>{v.id}</td>
                    <td class="num">{value(g)}</td>
                    <td class="num">{base ? value(base) : '—'}</td>
                    <td class="num">{difference(g)}</td>
                    <td class={g.harmed ? 'negative' : ''} data-field="guardrail-verdict">
                      {g.harmed ? 'Harmed' : g.difference === null ? 'Not enough data' : 'No harm detected'}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
