import { useState } from 'preact/hooks';
import type { Api, ExperimentList } from '../../api.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import type { AnalysisView } from './analysis-view.js';
import { ExperimentCard } from './experiment-card.js';
import { Glossary } from './glossary.js';
import { ViewSwitch } from './view-switch.js';

/**
 * The Experiments page a growth team reads every morning: every nudge's
 * verdict in plain language first, then its numbers in the always-valid,
 * fixed-horizon or Bayesian view, CUPED, guardrails, the days so far and planning.
 *
 * @example
 * <ExperimentsPage api={api} />
 */
export function ExperimentsPage({ api }: { api: Api }) {
  const list = useResource<ExperimentList>(api, '/v1/experiments');
  const [view, setView] = useState<AnalysisView>('sequential');
  return (
    <div class="grid">
      <h1 class="page-title">Experiments</h1>
      <Loaded resource={list}>
        {(l) =>
          l.experiments.length === 0 ? (
            <p class="muted">No nudges are configured: add one to pulse.config.json to run an experiment.</p>
          ) : (
            <>
              <ViewSwitch value={view} onChange={setView} />
              {l.experiments.map((e) => (
                <ExperimentCard key={e.nudgeId} e={e} view={view} />
              ))}
              <Glossary />
            </>
          )
        }
      </Loaded>
    </div>
  );
}
