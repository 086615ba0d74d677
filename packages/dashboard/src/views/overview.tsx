import type { Api, ChurnRisk, Overview, ScoreList, Trend } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { LineChart } from '../charts/line-chart.js';
import { number } from '../format.js';
import { useResource } from '../use-resource.js';
import { Contributions } from './user-view.js';
import { Loaded } from './status.js';
import type { ComponentChildren } from 'preact';
import { bandTone, scoreName, withScoreParam } from '../scores/score-names.js';

/**
 * Score distribution, band counts, trends and the users whose band got worse
 * this week, of one score (`score`, null for the default score). Bands are
 * coloured by which way the score reads (a churn-risk score's top band is red).
 *
 * @example
 * <OverviewView api={api} scores={list} score="churnRisk" switcher={<ScoreSwitcher … />} />
 */
export function OverviewView({
  api,
  scores = null,
  score = null,
  switcher = null,
}: {
  api: Api;
  scores?: ScoreList | null;
  score?: string | null;
  switcher?: ComponentChildren;
}) {
  const overview = useResource<Overview>(api, withScoreParam('/v1/admin/overview', score));
  const trend = useResource<Trend>(api, withScoreParam('/v1/admin/trend?days=60', score));
  const churn = useResource<ChurnRisk>(api, withScoreParam('/v1/admin/churn-risk?days=7', score));
  const shown = scores?.scores.find((s) => s.id === (score ?? scores.defaultScore));
  const tone = (band: string) => bandTone(shown, band);
  const rises = shown?.direction === 'higher-is-worse';
  const several = scores !== null && scores.scores.length > 1 && shown !== undefined;
  return (
    <div class="grid">
      <h1 class="page-title">Overview{several ? `: ${scoreName(shown)}` : ''}</h1>
      {switcher}
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
                  <span class={`kpi-value ${tone(b.id)}`} data-testid={`band-${b.id}`}>
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
                bars={o.bands.map((b) => ({ label: b.label ?? b.id, value: b.count, tone: tone(b.id) }))}
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
                    tone: tone(id),
                    values: t.days.map((d) => d.bands[id] ?? 0),
                  }))}
                />
              </div>
            );
          }}
        </Loaded>
      </section>
      <section class="card wide">
        <h2>
          {rises
            ? 'Getting worse: band rose this week'
            : several
              ? 'Getting worse: band dropped this week'
              : 'Churn risk: band dropped this week'}
        </h2>
        <Loaded resource={churn}>
          {(c) =>
            c.users.length === 0 ? (
              <p class="muted">Nobody's band {rises ? 'rose' : 'dropped'} in the last 7 days.</p>
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
                        <a href={withScoreParam(`#/users/${encodeURIComponent(u.userId)}`, score)}>{u.userId}</a>
                      </td>
                      <td>
                        <span class={`pill ${tone(u.from)}`}>{u.from}</span> →{' '}
                        <span class={`pill ${tone(u.to)}`}>{u.to}</span>
                      </td>
                      <td>
                        {u.previousScore} → {u.score}
                      </td>
                      <td>
                        <Contributions items={u.contributions} compact higherIsWorse={rises} />
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
