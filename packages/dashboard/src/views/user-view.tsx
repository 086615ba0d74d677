import { useState } from 'preact/hooks';
import type { Api, Contribution, UserDetail } from '../api.js';
import { number } from '../format.js';
import { useResource } from '../use-resource.js';
import { Loaded } from './status.js';

/**
 * Each signal's contribution, largest first; zeros hidden in compact mode.
 *
 * @example
 * <Contributions items={state.contributions} />
 */
export function Contributions({ items, compact = false }: { items: Contribution[]; compact?: boolean }) {
  const shown = [...items]
    .filter((c) => !compact || c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  if (shown.length === 0) return <span class="muted">no activity in the window</span>;
  return (
    <ul class={compact ? 'contributions compact' : 'contributions'}>
      {shown.map((c) => (
        <li key={c.signal} data-signal={c.signal}>
          <span class={c.points < 0 ? 'negative' : 'positive'}>
            {c.points >= 0 ? '+' : ''}
            {number(c.points, 1)}
          </span>{' '}
          {c.signal}
          {compact ? null : (
            <span class="muted">
              {' '}
              ({number(c.n, 1)} × {c.event}
              {c.capped ? ', capped' : ''})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function UserDetailView({ api, userId }: { api: Api; userId: string }) {
  const detail = useResource<UserDetail>(api, `/v1/admin/users/${encodeURIComponent(userId)}`);
  return (
    <Loaded resource={detail}>
      {(d) => (
        <div class="grid" data-testid="user-detail">
          <section class="card">
            <h2>{d.userId}</h2>
            <p class="kpi">
              <span class={`kpi-value band-${d.state.band}`} data-testid="user-score">
                {d.state.score}
              </span>
              <span class="kpi-label">
                score · band <strong data-testid="user-band">{d.state.band}</strong> · model {d.state.modelId}
              </span>
            </p>
            <Contributions items={d.state.contributions} />
            <h3>Milestones</h3>
            <ul class="milestones">
              {d.state.milestones.items.map((m) => (
                <li key={m.id} class={m.done ? 'done' : ''}>
                  {m.done ? '✓' : '○'} {m.title}
                </li>
              ))}
            </ul>
          </section>
          <section class="card">
            <h2>Recent events</h2>
            <table>
              <tbody>
                {d.events.map((e, i) => (
                  <tr key={i}>
                    <td class="muted">{e.timestamp.replace('T', ' ').slice(0, 16)}</td>
                    <td>{e.event ?? e.name ?? e.type}</td>
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

/**
 * Look a user up by id: score, band, contributions, milestones and recent events.
 *
 * @example
 * <UserView api={api} userId="u_42" />
 */
export function UserView({ api, userId }: { api: Api; userId: string | null }) {
  const [query, setQuery] = useState(userId ?? '');
  return (
    <div>
      <form
        class="card lookup"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim() !== '') location.hash = `#/users/${encodeURIComponent(query.trim())}`;
        }}
      >
        <label for="user-id">User id</label>
        <input id="user-id" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="user id" />
        <button type="submit">Look up</button>
      </form>
      {userId === null ? null : <UserDetailView key={userId} api={api} userId={userId} />}
    </div>
  );
}
