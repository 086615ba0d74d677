import type { ExperimentResults } from '@pulse/collector/contract';
import { count, days, size } from './experiment-format.js';
import { planningSentence } from './verdict-summary.js';

/**
 * For a running experiment: the exposures still needed to detect the minimum
 * detectable effect at the chosen power, for both tests, the days that takes at
 * the recent pace, and the smallest lift the data can show now.
 *
 * @example
 * <PlanningPanel e={results} />
 */
export function PlanningPanel({ e }: { e: ExperimentResults }) {
  const p = e.planning;
  if (p === null) return null;
  if (['better', 'worse', 'better-but-harms'].includes(e.verdict.kind))
    return (
      <section class="panel" data-testid="planning">
        <h3 id={`planning-${e.nudgeId}`}>Planning</h3>
        <p>No more data needed: the verdict is in, and the interval stays valid if the test keeps running.</p>
      </section>
    );
  const rows = [
    ['sequential', 'Always-valid (the verdict’s test)'],
    ['fixedHorizon', 'Fixed horizon (one look only)'],
  ] as const;
  const power = Math.round(p.power * 100);
  return (
    <section class="panel" data-testid="planning">
      <h3 id={`planning-${e.nudgeId}`}>Planning</h3>
      <p class="help">
        {p.minDetectableEffect === null
          ? 'No minimum detectable effect is set for this nudge (analysis.minDetectableEffect in its config), so only what the data can show now is given.'
          : `Minimum detectable effect: the smallest lift worth finding, here ${size(p.minDetectableEffect)} points. Power: the chance of finding it if it is real, here ${power}%.`}
      </p>
      <p data-testid="planning-sentence">{planningSentence(e)}</p>
      <div class="table-scroll">
        <table class="planning">
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Exposures needed</th>
              <th scope="col">Still needed</th>
              <th scope="col">Days to go</th>
              <th scope="col">Smallest lift it can show now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, label]) => {
              const left = p.daysRemaining?.[key] ?? null;
              const remaining = p.remaining?.[key] ?? null;
              return (
                <tr key={key} data-test={key}>
                  <th scope="row">{label}</th>
                  <td class="num">{p.required ? count(p.required[key]) : '—'}</td>
                  <td class="num" data-field="remaining">
                    {remaining === null ? '—' : count(Math.max(0, remaining))}
                  </td>
                  <td class="num" data-field="days">
                    {remaining !== null && remaining <= 0 ? 'done' : left === null ? '—' : days(left)}
                  </td>
                  <td class="num">{p.detectableEffectNow ? `${size(p.detectableEffectNow[key])} pts` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted">
        {count(p.exposures)} exposures so far
        {p.exposuresPerDay === null ? '' : `, ${count(p.exposuresPerDay)} a day over the last 7 days`}; baseline
        (control) rate {(p.baselineRate * 100).toFixed(1)}%.
      </p>
    </section>
  );
}
