import type { ExperimentResults } from '@pulse/collector/contract';
import type { AnalysisView } from './analysis-view.js';
import { ArmsTable } from './arms-table.js';
import { CupedPanel } from './cuped-panel.js';
import { GuardrailsPanel } from './guardrails-panel.js';
import { OverTimePanel } from './over-time-panel.js';
import { PlanningPanel } from './planning-panel.js';
import { summarizeVerdict } from './verdict-summary.js';

const STATUS_HELP: Record<string, string> = {
  running: 'running: new users are still assigned',
  paused: 'paused: nobody new is assigned',
  concluded: 'concluded: everyone gets the winner',
};

/**
 * One experiment, verdict first: what happened and whether it is safe to act,
 * then the numbers in the chosen view, CUPED, guardrails, the days so far and planning.
 *
 * @example
 * <ExperimentCard e={results} view="sequential" />
 */
export function ExperimentCard({ e, view }: { e: ExperimentResults; view: AnalysisView }) {
  const s = summarizeVerdict(e);
  const comparable = e.controlId !== null && e.variants.length > 1;
  return (
    <article class="card wide experiment" data-experiment={e.nudgeId} aria-labelledby={`exp-${e.nudgeId}`}>
      <h2 id={`exp-${e.nudgeId}`}>
        {e.nudgeId}{' '}
        <span class={`pill status-${e.status}`} title={STATUS_HELP[e.status]}>
          {e.status}
        </span>
      </h2>
      <p class="muted">
        {e.description ? `${e.description} ` : ''}Goal: {e.goal.event} within {e.goal.withinDays} days of exposure.
      </p>
      <div class={`verdict-box tone-${s.tone}`} data-testid="verdict" data-kind={e.verdict.kind}>
        <p class="verdict-headline" data-testid="verdict-headline">
          {s.headline}
        </p>
        {s.details.length > 0 ? (
          <ul>
            {s.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : null}
        {view === 'bayesian' && comparable && e.verdict.kind !== 'srm' ? (
          <p data-testid="bayesian-verdict">In Bayesian terms: {e.verdict.bayesianText}</p>
        ) : null}
      </div>
      <ArmsTable e={e} view={view} />
      {comparable && e.srm.flagged ? (
        // A broken split makes every comparison suspect: only the counts and the daily check stay.
        <div class="panels">
          <OverTimePanel e={e} />
        </div>
      ) : comparable ? (
        <div class="panels">
          <GuardrailsPanel e={e} />
          {view === 'bayesian' ? null : <CupedPanel e={e} view={view} />}
          <OverTimePanel e={e} />
          <PlanningPanel e={e} />
        </div>
      ) : null}
    </article>
  );
}
