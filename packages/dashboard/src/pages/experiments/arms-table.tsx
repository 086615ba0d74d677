import type { ExperimentResults, Interval, VariantResult } from '@pulse/collector/contract';
import { CiBar } from '../../charts/ci-bar.js';
import { number, percent, pValue } from '../../format.js';
import type { AnalysisView } from './analysis-view.js';
import { chance, pts, span } from './experiment-format.js';

/** One view's comparison of a treatment with control: estimate, interval, and the figures beside them. */
interface Comparison {
  lift: number;
  ci: Interval;
}

interface Columns {
  caption: string;
  interval: string;
  extra: string[];
  of: (v: VariantResult) => Comparison | null;
  cells: (v: VariantResult) => (string | null)[];
}

function columns(e: ExperimentResults, view: AnalysisView): Columns {
  const pct = Math.round(e.confidence * 100);
  const holm = e.method.multipleComparisons.comparisons > 1;
  if (view === 'bayesian')
    return {
      caption: `Bayesian view: each rate's posterior from a uniform Beta(${e.method.prior.alpha}, ${e.method.prior.beta}) prior.`,
      interval: `${pct}% credible interval of the lift`,
      extra: ['Chance to beat control', 'Chance to be best', 'Expected loss if shipped'],
      of: (v) =>
        v.bayesian.lift === null || v.bayesian.liftCi === null
          ? null
          : { lift: v.bayesian.lift, ci: v.bayesian.liftCi },
      cells: ({ bayesian: b }) => [
        b.chanceToBeatControl === null ? null : chance(b.chanceToBeatControl),
        b.chanceToBeBest === null ? null : chance(b.chanceToBeBest),
        b.expectedLoss === null ? null : `${(b.expectedLoss * 100).toFixed(2)} pts`,
      ],
    };
  if (view === 'fixed-horizon')
    return {
      caption:
        'Fixed horizon: valid for one look at a sample size fixed in advance. Checked every day, it finds a “winner” by chance far more often than 5%.',
      interval: `${pct}% fixed-horizon interval`,
      extra: ['p-value (one look)'],
      of: (v) => v.fixedHorizon,
      cells: (v) => [v.fixedHorizon === null ? null : pValue(v.fixedHorizon.pValue)],
    };
  const cuped = e.method.verdictBasis === 'sequential-cuped';
  return {
    caption: `Always-valid: the interval holds however often you look; this is what the verdict reads${cuped ? ', with the lift CUPED-adjusted (so it can differ a little from the difference of the rates)' : ''}${holm ? ', with p-values adjusted for several variants (Holm)' : ''}.`,
    interval: `${pct}% always-valid interval`,
    extra: [holm ? 'p-value (Holm-adjusted)' : 'p-value'],
    of: (v) => v.decision,
    cells: (v) => [v.decision === null ? null : pValue(v.decision.adjustedPValue)],
  };
}

/**
 * Every variant's counts and rate, and its comparison with control in the chosen view.
 *
 * @example
 * <ArmsTable e={results} view="sequential" />
 */
export function ArmsTable({ e, view }: { e: ExperimentResults; view: AnalysisView }) {
  const c = columns(e, view);
  const rows = e.variants.map((v) => [v, c.of(v)] as const);
  const range = Math.max(0.02, ...rows.flatMap(([, r]) => (r ? r.ci.map(Math.abs) : [])));
  return (
    <div class="table-scroll">
      <table class="arms" data-view={view}>
        <caption>{c.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Users exposed</th>
            <th scope="col">Converted</th>
            <th scope="col">{view === 'bayesian' ? 'Rate (posterior mean)' : 'Conversion rate'}</th>
            <th scope="col">Lift vs control</th>
            <th scope="col">{c.interval}</th>
            {c.extra.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([v, r]) => (
            <tr key={v.id} data-variant={v.id}>
              <th scope="row">
                {v.id}
                {v.control ? <span class="pill">control</span> : null}
              </th>
              <td class="num" data-field="exposed">
                {number(v.exposed)}
              </td>
              <td class="num" data-field="converted">
                {number(v.converted)}
              </td>
              <td class="num" data-field="rate">
                {percent(view === 'bayesian' ? v.bayesian.posterior.mean : v.rate)}
              </td>
              <td class="num" data-field="lift">
                {r ? `${pts(r.lift)} pts` : '—'}
              </td>
              <td data-field="interval">
                {r ? (
                  <span class="interval-cell">
                    <CiBar value={r.lift} ci={r.ci} range={range} label={`${v.id}: ${span(r.ci)} points`} />
                    <span class="interval-text">{span(r.ci)}</span>
                  </span>
                ) : (
                  '—'
                )}
              </td>
              {c.cells(v).map((cell, i) => (
                <td key={c.extra[i]} class="num">
                  {cell ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
