import type { ExperimentResults } from '@pulse/collector/contract';
import { number, pValue } from '../../format.js';
import { pts, span } from './experiment-format.js';
import { LiftOverTime } from './lift-over-time.js';

/** The split check per day, in one sentence. */
function srmSentence(e: ExperimentResults): string {
  const flagged = e.overTime.filter((d) => d.srm.flagged);
  const n = e.overTime.length;
  if (flagged.length === 0) return `The split check passed on all ${n} day${n === 1 ? '' : 's'}.`;
  const list = flagged.slice(-5).map((d) => d.day);
  return `The split check failed on ${flagged.length} of ${n} days (${flagged.length > 5 ? 'latest: ' : ''}${list.join(', ')}).`;
}

/**
 * The experiment day by day: each treatment's cumulative lift with its
 * always-valid interval (a chart, and the same numbers as a table), and the
 * sample-ratio (split) check per day.
 *
 * @example
 * <OverTimePanel e={results} />
 */
export function OverTimePanel({ e }: { e: ExperimentResults }) {
  const treatments = e.variants.filter((v) => !v.control);
  if (e.overTime.length === 0 || treatments.length === 0 || e.controlId === null) return null;
  return (
    <section class="panel">
      <h3 id={`over-time-${e.nudgeId}`}>Over time</h3>
      <p class="help">
        The lift as it stood at the end of each day, with its always-valid interval: the band covers the whole curve at
        once, so watching it daily is safe. The split check tests each day that users are divided between variants as
        configured.
      </p>
      {treatments.map((v) => (
        <LiftOverTime key={v.id} id={`lift-${e.nudgeId}-${v.id}`} variant={v.id} days={e.overTime} />
      ))}
      <p data-testid="srm-daily" class={e.overTime.some((d) => d.srm.flagged) ? 'error' : ''}>
        {srmSentence(e)}
      </p>
      <details>
        <summary>Show the numbers by day</summary>
        <div class="table-scroll">
          <table class="by-day">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Users exposed</th>
                {treatments.map((v) => (
                  <th key={v.id} scope="col">
                    {v.id}: lift (interval)
                  </th>
                ))}
                <th scope="col">Split check p</th>
              </tr>
            </thead>
            <tbody>
              {e.overTime.map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <th scope="row">{d.day}</th>
                  <td class="num">{number(d.variants.reduce((n, v) => n + v.exposed, 0))}</td>
                  {treatments.map((t) => {
                    const v = d.variants.find((x) => x.id === t.id);
                    return (
                      <td key={t.id} class="num">
                        {v?.lift != null && v.ci !== null ? `${pts(v.lift)} (${span(v.ci)})` : '—'}
                      </td>
                    );
                  })}
                  <td class={d.srm.flagged ? 'num error' : 'num'}>
                    {pValue(d.srm.pValue)}
                    {d.srm.flagged ? ' failed' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
