import type { Api, Overview, ScoreHistory, UserDetail } from '../../api.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import { Contributions } from '../../views/user-view.js';
import { readableDate } from '../users/describe-filter.js';
import { Change } from '../users/users-table.js';
import { UserActivity } from './user-activity.js';
import { ScoreHistoryChart } from './score-history-chart.js';

/** Days of score history the user page shows. */
export const HISTORY_DAYS = 60;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * One user: score and band now, 60 days of score history against the band
 * thresholds, what makes up the score, onboarding steps, nudges seen, accounts
 * and the latest events.
 *
 * @example
 * <UserPage api={api} userId="u_42" />
 */
export function UserPage({ api, userId }: { api: Api; userId: string }) {
  const id = encodeURIComponent(userId);
  const detail = useResource<UserDetail>(api, `/v1/admin/users/${id}`);
  const history = useResource<ScoreHistory>(api, `/v1/users/${id}/history?days=${HISTORY_DAYS}`);
  const overview = useResource<Overview>(api, '/v1/admin/overview');
  const thresholds = overview.status === 'ok' ? overview.data.bands.map((b) => ({ id: b.id, min: b.min })) : [];
  return (
    <Loaded resource={detail}>
      {(d) => {
        const name = text(d.traits.name) ?? text(d.traits.email);
        const change = d.state.trend.score7dAgo === null ? null : d.state.score - d.state.trend.score7dAgo;
        return (
          <div class="grid halves" data-testid="user-detail">
            <section class="card wide user-head">
              <p class="crumbs">
                <a href="#/users">← All users</a>
              </p>
              <h1>{name ?? d.userId}</h1>
              {name ? <p class="muted">{d.userId}</p> : null}
              <div class="kpi">
                <span class={`kpi-value band-${d.state.band}`} data-testid="user-score">
                  {d.state.score}
                </span>
                <span class="kpi-label">score now</span>
              </div>
              <div class="kpi">
                <span class={`kpi-value band-${d.state.band}`} data-testid="user-band">
                  {d.state.band}
                </span>
                <span class="kpi-label">band</span>
              </div>
              <div class="kpi">
                <span class="kpi-value">
                  <Change value={change} />
                </span>
                <span class="kpi-label">change over 7 days</span>
              </div>
              <div class="kpi">
                <span class="kpi-value">{d.state.modelId}</span>
                <span class="kpi-label">lifecycle stage</span>
              </div>
            </section>
            <section class="card wide">
              <h2>Score history</h2>
              <Loaded resource={history}>{(h) => <ScoreHistoryChart days={h.days} thresholds={thresholds} />}</Loaded>
            </section>
            <section class="card">
              <h2>What makes up the score</h2>
              <Contributions items={d.state.contributions} />
              <h3>Onboarding steps</h3>
              <ul class="milestones" data-testid="milestones">
                {d.state.milestones.items.map((m) => (
                  <li key={m.id} class={m.done ? 'done' : ''}>
                    {m.done ? '✓' : '○'} {m.title}
                    {m.done && m.doneAt ? (
                      <span class="muted"> · {readableDate(new Date(m.doneAt).toISOString())}</span>
                    ) : null}
                    <span class="visually-hidden">{m.done ? ' (done)' : ' (not done yet)'}</span>
                  </li>
                ))}
              </ul>
              <h3>Accounts</h3>
              {d.accounts.length > 0 ? (
                <ul class="plain" data-testid="user-accounts">
                  {d.accounts.map((a) => (
                    <li key={a.accountId}>
                      <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</a>
                      {a.role ? <span class="muted"> · {a.role}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">Not a member of any account.</p>
              )}
            </section>
            <UserActivity events={d.events} />
          </div>
        );
      }}
    </Loaded>
  );
}
