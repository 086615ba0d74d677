import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AccountsPage as AccountList, Api, Overview } from '../../api.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import { readableDate } from '../users/describe-filter.js';
import { accountName } from './account-name.js';
import { filterTraits, usersQuery, withTraits, withValue, type UserFilter } from '../users/user-filter.js';
import { Pager } from '../pager.js';

const PAGE_SIZE = 50;

function SortableTh({ filter, column, label }: { filter: UserFilter; column: string; label: string }) {
  const active = (filter.sort ?? 'score') === column;
  const order = filter.order === 'asc' ? 'asc' : 'desc';
  const next = active && order === 'desc' ? 'asc' : 'desc';
  return (
    <th class="num" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        class="sort"
        onClick={() => (location.hash = `#/accounts?${usersQuery({ ...filter, sort: column, order: next })}`)}
      >
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
      </button>
    </th>
  );
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function AccountFilters({ filter, bands }: { filter: UserFilter; bands: string[] }) {
  const [draft, setDraft] = useState(filter);
  const [trait, setTrait] = useState<[string, string]>(() => filterTraits(filter)[0] ?? ['', '']);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setDraft((d) => withValue(d, name, e.currentTarget.value));
  const field = (id: string, label: string, name: string, type = 'number') => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type={type} min={0} value={draft[name] ?? ''} onInput={set(name)} />
    </div>
  );
  return (
    <form
      class="card filters"
      aria-label="Filter accounts"
      onSubmit={(e) => {
        e.preventDefault();
        location.hash = `#/accounts?${usersQuery(withTraits(draft, [trait]))}`;
      }}
    >
      <div class="field">
        <label for="a-band">Engagement band</label>
        <select id="a-band" value={draft.band ?? ''} onChange={set('band')}>
          <option value="">Any band</option>
          {bands.map((b) => (
            <option key={b} value={b}>
              {capital(b)}
            </option>
          ))}
        </select>
      </div>
      {field('a-min', 'Score from', 'minScore')}
      {field('a-max', 'Score up to', 'maxScore')}
      {field('a-min-size', 'Members from', 'minSize')}
      {field('a-max-size', 'Members up to', 'maxSize')}
      <div class="field">
        <label for="a-trait-name">Account property</label>
        <input
          id="a-trait-name"
          placeholder="e.g. plan"
          value={trait[0]}
          onInput={(e) => setTrait([e.currentTarget.value, trait[1]])}
        />
      </div>
      <div class="field">
        <label for="a-trait-value">equals</label>
        <input id="a-trait-value" value={trait[1]} onInput={(e) => setTrait([trait[0], e.currentTarget.value])} />
      </div>
      <div class="actions">
        <button type="submit">Show accounts</button>
        <a class="button secondary" href="#/accounts">
          Clear filters
        </a>
      </div>
    </form>
  );
}

/**
 * The Accounts page: accounts (groups) filtered by band, score, size and a
 * property, highest score first, each linking to its members and history.
 *
 * @example
 * <AccountsPage api={api} query="band=high" />
 */
export function AccountsPage({ api, query }: { api: Api; query: string }) {
  const filter = useMemo(() => Object.fromEntries(new URLSearchParams(query)), [query]);
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => setCursors([]), [query]);
  const cursor = cursors[cursors.length - 1];
  const list = useResource<AccountList>(
    api,
    `/v1/admin/accounts?${usersQuery(filter, undefined, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`,
  );
  const overview = useResource<Overview>(api, '/v1/admin/overview');
  const bands = overview.status === 'ok' ? [...new Set(overview.data.bands.map((b) => b.id))] : [];
  return (
    <div class="users-page">
      <h1 class="page-title">Accounts</h1>
      <AccountFilters key={query} filter={filter} bands={bands} />
      <section class="card wide results" aria-labelledby="accounts-count">
        <Loaded resource={list}>
          {(l) => (
            <>
              <h2 id="accounts-count" data-testid="accounts-total">
                {l.total.toLocaleString('en-US')} {l.total === 1 ? 'account' : 'accounts'}
              </h2>
              {l.accounts.length === 0 ? (
                <p class="empty">No account matches all of these conditions. Remove one to widen the list.</p>
              ) : (
                <table data-testid="accounts-table">
                  <thead>
                    <tr>
                      <th>Account</th>
                      <SortableTh filter={filter} column="score" label="Score" />
                      <th>Band</th>
                      <SortableTh filter={filter} column="size" label="Members" />
                      <SortableTh filter={filter} column="lastSeen" label="Last active" />
                    </tr>
                  </thead>
                  <tbody>
                    {l.accounts.map((a) => (
                      <tr key={a.accountId} data-account={a.accountId}>
                        <td>
                          <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{accountName(a)}</a>
                        </td>
                        <td class="num">{Math.round(a.score)}</td>
                        <td>
                          <span class={`pill band-${a.band}`}>{a.band}</span>
                        </td>
                        <td class="num">{a.size}</td>
                        <td class="num">{a.lastSeen ? readableDate(a.lastSeen) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <Pager
                cursors={cursors}
                setCursors={setCursors}
                nextCursor={l.nextCursor}
                total={l.total}
                pageSize={PAGE_SIZE}
              />
            </>
          )}
        </Loaded>
      </section>
    </div>
  );
}
