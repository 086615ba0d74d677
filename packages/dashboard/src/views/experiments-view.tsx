import type { Api, ExperimentList, ExperimentResults } from '../api.js';
import { CiBar } from '../charts/ci-bar.js';
import { number, percent, points, pValue } from '../format.js';
import { useResource } from '../use-resource.js';
import { Loaded } from './status.js';

function Experiment({ e }: { e: ExperimentResults }) {
  const range = Math.max(0.02, ...e.variants.flatMap((v) => (v.liftCi ? v.liftCi.map(Math.abs) : [])));
  return (
    <section class="card wide" data-experiment={e.nudgeId}>
      <h2>
        {e.nudgeId} <span class={`pill status-${e.status}`}>{e.status}</span>
      </h2>
      <p class={`verdict verdict-${e.verdict.kind}`} data-testid="verdict">
        {e.verdict.text}
      </p>
      <table>
        <thead>
          <tr>
            <th>Variant</th>
            <th>Exposed</th>
            <th>Converted</th>
            <th>Rate</th>
            <th>Lift vs control</th>
            <th>{Math.round(e.confidence * 100)}% CI</th>
            <th>p-value</th>
            <th>Score change</th>
          </tr>
        </thead>
        <tbody>
          {e.variants.map((v) => (
            <tr key={v.id} data-variant={v.id}>
              <td>
                {v.id}
                {v.control ? <span class="pill">control</span> : null}
              </td>
              <td class="num" data-field="exposed">
                {number(v.exposed)}
              </td>
              <td class="num" data-field="converted">
                {number(v.converted)}
              </td>
              <td class="num" data-field="rate">
                {percent(v.rate)}
              </td>
              <td class="num" data-field="lift">
                {v.control ? '—' : points(v.lift)}
              </td>
              <td>
                {v.lift !== null && v.liftCi !== null ? (
                  <CiBar
                    value={v.lift}
                    ci={v.liftCi}
                    range={range}
                    label={`${points(v.liftCi[0])} to ${points(v.liftCi[1])}`}
                  />
                ) : (
                  '—'
                )}
              </td>
              <td class="num" data-field="p">
                {v.control ? '—' : pValue(v.pValue)}
              </td>
              <td class="num">{v.meanScoreChange === null ? '—' : number(v.meanScoreChange, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class={e.srm.flagged ? 'error' : 'muted'} data-testid="srm">
        Sample ratio check: {e.srm.flagged ? 'MISMATCH' : 'ok'} (χ² {e.srm.chiSquared.toFixed(2)}, p{' '}
        {pValue(e.srm.pValue)}; flagged below {e.srm.threshold})
      </p>
    </section>
  );
}

/**
 * Every nudge experiment side by side: rates, CI bars, p-values, SRM status and a verdict.
 *
 * @example
 * <ExperimentsView api={api} />
 */
export function ExperimentsView({ api }: { api: Api }) {
  const list = useResource<ExperimentList>(api, '/v1/experiments');
  return (
    <div class="grid">
      <Loaded resource={list}>
        {(l) =>
          l.experiments.length === 0 ? (
            <p class="muted">No nudges are configured.</p>
          ) : (
            <>
              {l.experiments.map((e) => (
                <Experiment key={e.nudgeId} e={e} />
              ))}
            </>
          )
        }
      </Loaded>
    </div>
  );
}
