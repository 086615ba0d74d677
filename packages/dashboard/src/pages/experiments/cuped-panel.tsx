import type { ExperimentResults } from '@pulse/collector/contract';
import { CiBar } from '../../charts/ci-bar.js';
import type { AnalysisView } from './analysis-view.js';
import { pts, span } from './experiment-format.js';

/**
 * What CUPED did for each treatment: "CUPED narrowed the interval by N%", and
 * the interval without and with it (always-valid, or fixed-horizon in that view).
 *
 * @example
 * <CupedPanel e={results} view="sequential" />
 */
export function CupedPanel({ e, view }: { e: ExperimentResults; view: AnalysisView }) {
  const treatments = e.variants.filter((v) => !v.control && v.cuped !== null && v.sequential !== null);
  const kind = view === 'fixed-horizon' ? 'fixed-horizon' : 'always-valid';
  const rows = treatments.map((v) => {
    const c = v.cuped!;
    const plain = view === 'fixed-horizon' ? v.fixedHorizon! : v.sequential!;
    const adjusted = view === 'fixed-horizon' ? c.fixedHorizon : c.sequential;
    return { v, c, plain, adjusted };
  });
  const range = Math.max(0.02, ...rows.flatMap((r) => [...r.plain.ci, ...r.adjusted.ci].map(Math.abs)));
  return (
    <section class="panel">
      <h3 id={`cuped-${e.nudgeId}`}>Noise reduction (CUPED)</h3>
      <p class="help">
        CUPED uses what was known about each user before the nudge — their engagement score and their {e.goal.event}{' '}
        events in the {e.method.cuped?.preExposureDays ?? 14} days before — to take out noise the nudge could not have
        caused. The estimate stays fair; the interval gets shorter.
      </p>
      {e.method.cuped === null ? (
        <p>Not applied: some exposed users have no score or history from before they saw the nudge.</p>
      ) : rows.length === 0 ? (
        <p>Nothing to narrow yet: no variant has been compared with control.</p>
      ) : (
        rows.map(({ v, c, plain, adjusted }) => (
          <div key={v.id} class="cuped" data-cuped={v.id}>
            <p>
              <strong data-testid="cuped-narrowing">
                {c.intervalNarrowing >= 0.005
                  ? `CUPED narrowed ${v.id}’s interval by ${Math.round(c.intervalNarrowing * 100)}%`
                  : `CUPED barely narrowed ${v.id}’s interval (by ${(c.intervalNarrowing * 100).toFixed(1)}%)`}
              </strong>
              <span class="muted">
                {c.intervalNarrowing >= 0.005
                  ? ` (variance ${Math.round(c.varianceReduction * 100)}% lower).`
                  : `: what users did before exposure says little about ${e.goal.event} here.`}
              </span>
            </p>
            <dl class="cuped-rows">
              <dt>Without CUPED</dt>
              <dd>
                <CiBar
                  value={plain.lift}
                  ci={plain.ci}
                  range={range}
                  label={`${v.id} without CUPED: ${span(plain.ci)} points`}
                />
                <span>
                  {pts(plain.lift)} pts ({span(plain.ci)})
                </span>
              </dd>
              <dt>With CUPED</dt>
              <dd>
                <CiBar
                  value={c.lift}
                  ci={adjusted.ci}
                  range={range}
                  label={`${v.id} with CUPED: ${span(adjusted.ci)} points`}
                />
                <span>
                  {pts(c.lift)} pts ({span(adjusted.ci)})
                </span>
              </dd>
            </dl>
            <p class="help">Lift and {kind} interval, in points.</p>
          </div>
        ))
      )}
    </section>
  );
}
