import type { UserListItem } from '../../api.js';
import { readableDate } from './describe-filter.js';
import type { Sort, SortKey } from './user-filter.js';

const COLUMNS: { key: SortKey; label: string; first: 'asc' | 'desc' }[] = [
  { key: 'score', label: 'Score', first: 'desc' },
  { key: 'scoreChange7d', label: 'Change over 7 days', first: 'asc' },
  { key: 'lastSeen', label: 'Last active', first: 'desc' },
];

/**
 * A change in points with its direction in words as well as colour.
 *
 * @example
 * <Change value={-12} /> // ▼ 12
 */
export function Change({ value, higherIsWorse = false }: { value: number | null; higherIsWorse?: boolean }) {
  if (value === null) return <span class="muted">new</span>;
  if (value === 0) return <span class="muted">no change</span>;
  const down = value < 0;
  // A higher-is-worse score (churn risk) that goes up is bad news.
  return (
    <span
      class={down !== higherIsWorse ? 'negative' : 'positive'}
      title={`${down ? 'down' : 'up'} ${Math.abs(value)} points`}
    >
      {down ? '▼' : '▲'} {Math.abs(value)}
      <span class="visually-hidden"> points {down ? 'down' : 'up'}</span>
    </span>
  );
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const active = sort.key === column.key;
  const next: Sort = { key: column.key, order: active ? (sort.order === 'asc' ? 'desc' : 'asc') : column.first };
  return (
    <th aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'} class="num">
      <button type="button" class="sort" onClick={() => onSort(next)}>
        {column.label}
        <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
      </button>
    </th>
  );
}

/**
 * One page of users: name (or id), score with band, 7-day change, last activity and stage;
 * the three number columns sort on click; a row's name opens the user page.
 *
 * @example
 * <UsersTable rows={list.users} sort={sort} onSort={setSort} />
 */
export function UsersTable({ rows, sort, onSort }: { rows: UserListItem[]; sort: Sort; onSort: (s: Sort) => void }) {
  return (
    <table data-testid="users-table">
      <thead>
        <tr>
          <th>User</th>
          <SortHeader column={COLUMNS[0]!} sort={sort} onSort={onSort} />
          <th>Band</th>
          <SortHeader column={COLUMNS[1]!} sort={sort} onSort={onSort} />
          <SortHeader column={COLUMNS[2]!} sort={sort} onSort={onSort} />
          <th>Stage</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => {
          const name = text(u.traits.name) ?? text(u.traits.email);
          return (
            <tr key={u.userId} data-user={u.userId}>
              <td>
                <a href={`#/users/${encodeURIComponent(u.userId)}`}>{name ?? u.userId}</a>
                {name ? <span class="muted small"> {u.userId}</span> : null}
              </td>
              <td class="num" data-field="score">
                {u.score}
              </td>
              <td>
                <span class={`pill band-${u.band}`}>{u.band}</span>
              </td>
              <td class="num" data-field="change">
                <Change value={u.scoreChange7d} />
              </td>
              <td class="num">{u.lastSeen ? readableDate(u.lastSeen) : '—'}</td>
              <td>{u.model}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
