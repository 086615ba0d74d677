import type { Api, ChurnRisk, Overview, Trend } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { LineChart } from '../charts/line-chart.js';
import { number } from '../format.js';
import { useResource } from '../use-resource.js';
import { Contributions } from './user-view.js';
import { Loaded } from './status.js';

/**
 * Score distribution, band counts, trends and the churn-risk list.
 *
 * @example
 * <OverviewView api={api} />
 */
export function OverviewView({ api }: { api: Api }) {
  const overview = useResource<Overview>(api, '/v1/admin/overview');
  const trend = useResource<Trend>(api, '/v1/admin/trend?days=60');
  const churn = useResource<ChurnRisk>(api, '/v1/admin/churn-risk?days=7');
  return (
    <div class="grid">
      <Loaded resource={overview}>
        {(o) => (
          <>
            <section class="card wide" data-testid="kpis">
              <div class="kpi">
                <span class="kpi-value" data-testid="users">
                  {number(o.users)}
                </span>
                <span class="kpi-label">users scored</span>
              </div>
              <div class="kpi">
                <span class="kpi-value" data-testid="average">
                  {number(o.averageScore, 1)}
                </span>
                <span class="kpi-label">average score</span>
              </div>
              {o.bands.map((b) => (
                <div class="kpi" key={b.id}>
                  <span class={`kpi-value band-${b.id}`} data-testid={`band-${b.id}`}>
                    {number(b.count)}
                  </span>
                  <span class="kpi-label">{b.label ?? b.id}</span>
                </div>
              ))}
            </section>
            <section class="card">
              <h2>Score distribution</h2>
              <BarChart
                title="Users by score"
                bars={o.histogram.map((h) => ({ label: `${h.from}–${h.to}`, value: h.count }))}
              />
            </section>
            <section class="card">
              <h2>Bands</h2>
              <BarChart
                title="Users by band"
                bars={o.bands.map((b) => ({ label: b.label ?? b.id, value: b.count, tone: `band-${b.id}` }))}
              />
            </section>
          </>
        )}
      </Loaded>
      <section class="card wide">
        <h2>Trend, last 60 days</h2>
        <Loaded resource={trend}>
          {(t) => {
            const labels = t.days.map((d) => d.date.slice(5));
            const bandIds = [...new Set(t.days.flatMap((d) => Object.keys(d.bands)))];
            return t.days.length === 0 ? (
              <p class="muted">No score history yet: it is recorded daily.</p>
            ) : (
              <div class="two">
                <LineChart
                  title="Average score"
                  labels={labels}
                  series={[{ name: 'average score', values: t.days.map((d) => d.averageScore) }]}
                />
                <LineChart
                  title="Band sizes"
                  labels={labels}
                  series={bandIds.map((id) => ({
                    name: id,
                    tone: `band-${id}`,
                    values: t.days.map((d) => d.bands[id] ?? 0),
                  }))}
                />
              </div>
            );
          }}
        </Loaded>
      </section>
      <section class="card wide">
        <h2>Churn risk: band dropped this week</h2>
        <Loaded resource={churn}>
          {(c) =>
            c.users.length === 0 ? (
              <p class="muted">Nobody's band dropped in the last 7 days.</p>
            ) : (
              <table data-testid="churn-risk">
                <thead>
                  <tr>
                    <th>User</th>
                    <th>Band</th>
                    <th>Score</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {c.users.map((u) => (
                    <tr key={u.userId}>
                      <td>
                        <a href={`#/users/${encodeURIComponent(u.userId)}`}>{u.userId}</a>
                      </td>
                      <td>
                        <span class={`pill band-${u.from}`}>{u.from}</span> →{' '}
                        <span class={`pill band-${u.to}`}>{u.to}</span>
                      </td>
                      <td>
                        {u.previousScore} → {u.score}
                      </td>
                      <td>
                        <Contributions items={u.contributions} compact />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
