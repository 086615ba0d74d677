import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api, Funnel, Overview, Segment, SegmentList, UsersPage as UserList } from '../../api.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import { describeFilter } from './describe-filter.js';
import { ExportButton } from './export-button.js';
import { FilterBar } from './filter-bar.js';
import { FindUser } from './find-user.js';
import { Presets } from './presets.js';
import { SaveSegment, SegmentPicker } from './segment-controls.js';
import { parseUsersQuery, usersQuery, type Sort, type UserFilter } from './user-filter.js';
import { UsersTable } from './users-table.js';
import { Pager } from '../pager.js';

/** Rows per page of the table. */
export const PAGE_SIZE = 50;

/** The API path of the CSV export of every user a filter selects. */
export const exportPath = (filter: UserFilter, sort: Sort) => `/v1/admin/users.csv?${usersQuery(filter, sort)}`;

const go = (filter: UserFilter, sort: Sort) => {
  location.hash = `#/users?${usersQuery(filter, sort)}`;
};

/**
 * The Users page: saved segments, quick starts, the filter bar, the matching
 * users in a sortable table page by page, CSV export of all of them and "save as segment".
 * The filter and sort live in the page address, so a list can be shared and bookmarked.
 *
 * @example
 * <UsersPage api={api} query="band=low&sort=score&order=desc" />
 */
export function UsersPage({ api, query }: { api: Api; query: string }) {
  const { filter, sort } = useMemo(() => parseUsersQuery(query), [query]);
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => setCursors([]), [query]);
  const cursor = cursors[cursors.length - 1];
  const list = useResource<UserList>(
    api,
    `/v1/admin/users?${usersQuery(filter, sort, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`,
  );
  const segments = useResource<SegmentList>(api, '/v1/admin/segments');
  // Segments saved on this page join the loaded list without a reload.
  const [justSaved, setJustSaved] = useState<Segment[]>([]);
  const overview = useResource<Overview>(api, '/v1/admin/overview');
  const funnel = useResource<Funnel>(api, '/v1/admin/funnel');
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    if (list.status === 'ok') setModels((m) => [...new Set([...m, ...list.data.users.map((u) => u.model)])].sort());
  }, [list]);
  const milestones = funnel.status === 'ok' ? funnel.data.milestones : [];
  const loaded = segments.status === 'ok' ? segments.data.segments : [];
  const saved = [...loaded.filter((s) => !justSaved.some((j) => j.id === s.id)), ...justSaved];
  const words = describeFilter(filter, {
    milestones: Object.fromEntries(milestones.map((m) => [m.id, m.title])),
    segments: Object.fromEntries(saved.map((s) => [s.id, s.name])),
  });
  const current = saved.find((s) => usersQuery(s.filter) === usersQuery(filter));
  return (
    <div class="users-page">
      <h1 class="page-title">Users</h1>
      <section class="card toolbar" aria-label="Segments and quick starts">
        <SegmentPicker segments={saved} current={current?.id ?? null} onPick={(s) => go(s.filter, sort)} />
        <Presets onPick={(f) => go(f, sort)} />
        <FindUser />
      </section>
      <FilterBar
        filter={filter}
        choices={{
          bands: overview.status === 'ok' ? [...new Set(overview.data.bands.map((b) => b.id))] : [],
          milestones,
          models,
        }}
        onApply={(f) => go(f, sort)}
      />
      <section class="card wide results" aria-labelledby="users-count">
        <Loaded resource={list}>
          {(l) => (
            <>
              <div class="result-head">
                <div>
                  <h2 id="users-count" data-testid="users-total">
                    {l.total.toLocaleString('en-US')} {l.total === 1 ? 'user' : 'users'}
                  </h2>
                  <p class="muted">{words.length === 0 ? 'Everyone with a score.' : `Who ${words.join(', ')}.`}</p>
                </div>
                <div class="result-actions">
                  <ExportButton api={api} path={exportPath(filter, sort)} fileName="pulse-users.csv" count={l.total} />
                  {Object.keys(filter).length === 0 ? null : (
                    <SaveSegment
                      key={query}
                      api={api}
                      filter={filter}
                      suggestedName={current?.name ?? words.join(', ')}
                      existing={saved}
                      onSaved={(segment) =>
                        setJustSaved((list) => [...list.filter((j) => j.id !== segment.id), segment])
                      }
                    />
                  )}
                </div>
              </div>
              {l.users.length === 0 ? (
                <p class="empty">No user matches all of these conditions. Remove one to widen the list.</p>
              ) : (
                <UsersTable rows={l.users} sort={sort} onSort={(s) => go(filter, s)} />
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
