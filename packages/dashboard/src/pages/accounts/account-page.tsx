import type { AccountDetail, Api, Overview } from '../../api.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import { accountName } from './account-name.js';
import { ScoreHistoryChart } from '../user/score-history-chart.js';

/**
 * One account: its score and band, 60 days of history, and its members with
 * their scores and roles, highest first.
 *
 * @example
 * <AccountPage api={api} accountId="acme" />
 */
export function AccountPage({ api, accountId }: { api: Api; accountId: string }) {
  const detail = useResource<AccountDetail>(api, `/v1/admin/accounts/${encodeURIComponent(accountId)}`);
  const overview = useResource<Overview>(api, '/v1/admin/overview');
  const thresholds = overview.status === 'ok' ? overview.data.bands.map((b) => ({ id: b.id, min: b.min })) : [];
  return (
    <Loaded resource={detail}>
      {(a) => (
        <div class="grid" data-testid="account-detail">
          <section class="card wide user-head">
            <p class="crumbs">
              <a href="#/accounts">← All accounts</a>
            </p>
            <h1>{accountName(a)}</h1>
            <div class="kpi">
              <span class={`kpi-value band-${a.band}`} data-testid="account-score">
                {Math.round(a.score)}
              </span>
              <span class="kpi-label">account score</span>
            </div>
            <div class="kpi">
              <span class={`kpi-value band-${a.band}`}>{a.band}</span>
              <span class="kpi-label">band</span>
            </div>
            <div class="kpi">
              <span class="kpi-value">{a.size}</span>
              <span class="kpi-label">members</span>
            </div>
          </section>
          <section class="card wide">
            <h2>Account score history</h2>
            {a.history.length === 0 ? (
              <p class="muted">No history yet.</p>
            ) : (
              <ScoreHistoryChart
                days={a.history.map((d) => ({ ...d, score: Math.round(d.score) }))}
                thresholds={thresholds}
              />
            )}
          </section>
          <section class="card wide">
            <h2>Members</h2>
            <table data-testid="account-members">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Role</th>
                  <th class="num">Score</th>
                  <th>Band</th>
                </tr>
              </thead>
              <tbody>
                {[...a.members]
                  .sort((x, y) => y.score - x.score)
                  .map((m) => (
                    <tr key={m.userId}>
                      <td>
                        <a href={`#/users/${encodeURIComponent(m.userId)}`}>{m.userId}</a>
                      </td>
                      <td>{m.role ?? <span class="muted">—</span>}</td>
                      <td class="num">{m.score}</td>
                      <td>
                        <span class={`pill band-${m.band}`}>{m.band}</span>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </Loaded>
  );
}
