import type { Api, Funnel } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { percent } from '../format.js';
import { useResource } from '../use-resource.js';
import { FunnelOverTime } from './funnel-over-time.js';
import { Loaded } from './status.js';
import { withScoreParam } from '../scores/score-names.js';

/**
 * How many users completed each onboarding milestone of one score's models
 * (`score`, null for the default score).
 *
 * @example
 * <FunnelView api={api} />
 */
export function FunnelView({ api, score = null }: { api: Api; score?: string | null }) {
  const funnel = useResource<Funnel>(api, withScoreParam('/v1/admin/funnel', score));
  return (
    <>
      <h1 class="page-title">Funnel</h1>
      <section class="card wide">
        <h2>Onboarding funnel</h2>
        <Loaded resource={funnel}>
          {(f) => (
            <>
              <BarChart
                title="Users per milestone"
                bars={f.milestones.map((m) => ({ label: m.title, value: m.completed }))}
              />
              <table data-testid="funnel">
                <thead>
                  <tr>
                    <th>Milestone</th>
                    <th>Completed</th>
                    <th>of all users</th>
                  </tr>
                </thead>
                <tbody>
                  {f.milestones.map((m) => (
                    <tr key={m.id} data-milestone={m.id}>
                      <td>{m.title}</td>
                      <td class="num">{m.completed.toLocaleString('en-US')}</td>
                      <td class="num">{percent(f.total === 0 ? null : m.completed / f.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <FunnelOverTime funnel={f} />
            </>
          )}
        </Loaded>
      </section>
    </>
  );
}
