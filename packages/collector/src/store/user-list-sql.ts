/**
 * A users-list filter with its times resolved (epoch ms) and saved segments
 * expanded: what the store turns into SQL.
 *
 * @example
 * const f: ResolvedUserFilter = { bands: ['low'], seenAfter: Date.parse('2026-11-01') };
 */
export interface ResolvedUserFilter {
  bands?: string[];
  minScore?: number;
  maxScore?: number;
  models?: string[];
  traits?: { name: string; value: string }[];
  milestone?: string;
  milestoneMissing?: string;
  seenAfter?: number;
  seenBefore?: number;
  group?: string;
  bandChangedSince?: number;
  bandDirection?: 'down' | 'up';
  /** Only these users (by stored key): one user's membership of a segment. */
  keys?: string[];
}

/** The users list's sort keys, by column. */
export const SORT_COLUMNS = { score: 'score', lastSeen: 'last_seen', scoreChange7d: 'score_change_7d' } as const;

/**
 * One page's query: every filter (ANDed), the sort, and the keyset position
 * after which the page starts (the last row of the previous page).
 *
 * @example
 * const q: UserListQuery = { filters: [{ bands: ['low'] }], sort: 'score', order: 'desc', limit: 51, after: null };
 */
export interface UserListQuery {
  filters: ResolvedUserFilter[];
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
  limit: number;
  after: { value: number; key: string } | null;
}

/**
 * One user as the list reads it.
 *
 * @example
 * const r: UserListRow = { key: 'u:42', score: 31, band: 'low', modelId: 'saas', lastSeen: 0, score7dAgo: null, scoreChange7d: 0, traits: {} };
 */
export interface UserListRow {
  key: string;
  score: number;
  band: string;
  modelId: string;
  lastSeen: number;
  score7dAgo: number | null;
  scoreChange7d: number;
  traits: Record<string, unknown>;
}

/** Where SQL and its parameters are collected; `p(value)` adds a parameter and returns its placeholder. */
interface Sql {
  where: string[];
  params: unknown[];
  p(value: unknown): string;
}

function sqlBuilder(dialect: 'sqlite' | 'postgres'): Sql {
  const sql: Sql = {
    where: [],
    params: [],
    p(value) {
      sql.params.push(value);
      return dialect === 'sqlite' ? '?' : `$${sql.params.length}`;
    },
  };
  return sql;
}

const list = (sql: Sql, values: string[]) => values.map((v) => sql.p(v)).join(', ');

/**
 * How a condition on a side table (traits, milestones, accounts) is written: `exists` as a
 * correlated probe (one primary-key lookup per row the outer scan reaches), `in` as
 * `user_key IN (SELECT …)` (the side table's matching keys read once).
 */
type Probe = 'exists' | 'in';

function sideTable(probe: Probe, table: string, alias: string, conditions: string, negate = false): string {
  if (probe === 'in')
    return `user_key ${negate ? 'NOT IN' : 'IN'} (SELECT user_key FROM ${table} ${alias} WHERE ${conditions})`;
  return `${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${conditions} AND ${alias}.user_key = users.user_key)`;
}

function addFilter(sql: Sql, project: string, f: ResolvedUserFilter, probe: Probe): void {
  const w = sql.where;
  if (f.keys !== undefined) w.push(`user_key IN (${list(sql, f.keys)})`);
  if (f.bands !== undefined) w.push(`band IN (${list(sql, f.bands)})`);
  if (f.models !== undefined) w.push(`model_id IN (${list(sql, f.models)})`);
  if (f.minScore !== undefined) w.push(`score >= ${sql.p(f.minScore)}`);
  if (f.maxScore !== undefined) w.push(`score <= ${sql.p(f.maxScore)}`);
  if (f.seenAfter !== undefined) w.push(`last_seen >= ${sql.p(f.seenAfter)}`);
  if (f.seenBefore !== undefined) w.push(`last_seen < ${sql.p(f.seenBefore)}`);
  for (const t of f.traits ?? []) {
    const where = `t.project = ${sql.p(project)} AND t.name = ${sql.p(t.name)} AND t.value = ${sql.p(t.value)}`;
    w.push(sideTable(probe, 'user_traits', 't', where));
  }
  const milestone = (id: string, negate: boolean) =>
    sideTable(probe, 'user_milestones', 'm', `m.project = ${sql.p(project)} AND m.milestone_id = ${sql.p(id)}`, negate);
  if (f.milestone !== undefined) w.push(milestone(f.milestone, false));
  if (f.milestoneMissing !== undefined) w.push(milestone(f.milestoneMissing, true));
  if (f.group !== undefined) {
    w.push(sideTable(probe, 'memberships', 'g', `g.project = ${sql.p(project)} AND g.group_id = ${sql.p(f.group)}`));
  }
  if (f.bandChangedSince !== undefined) w.push(`band_changed_at >= ${sql.p(f.bandChangedSince)}`);
  if (f.bandDirection !== undefined) w.push(`band_direction = ${f.bandDirection === 'down' ? -1 : 1}`);
}

// A page walks the sort's index and probes each row (EXISTS), stopping at the page's end;
// counting and taking a whole segment read the side table's keys once (IN). Measured on
// SQLite, 200k users (docs/performance.md): band + trait by score, page 518 → 1 ms with
// EXISTS; counts and a sort whose first rows mostly fail the filters are faster with IN.
function base(
  dialect: 'sqlite' | 'postgres',
  project: string,
  filters: ResolvedUserFilter[],
  probe: Probe = 'in',
): Sql {
  const sql = sqlBuilder(dialect);
  // Identified, scored users only (anonymous visitors have no id to list).
  sql.where.push(`project = ${sql.p(project)}`, `substr(user_key, 1, 2) = 'u:'`, 'score IS NOT NULL');
  for (const f of filters) addFilter(sql, project, f, probe);
  return sql;
}

/**
 * The SQL of one page of the users list, keyset-paginated on (sort column,
 * user_key): a page starts strictly after the previous page's last row.
 *
 * @example
 * const { text, params } = userListSql('sqlite', 'default', query);
 */
export function userListSql(
  dialect: 'sqlite' | 'postgres',
  project: string,
  q: UserListQuery,
): { text: string; params: unknown[] } {
  const sql = base(dialect, project, q.filters, 'exists');
  const col = SORT_COLUMNS[q.sort];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  if (q.after !== null) {
    const op = q.order === 'asc' ? '>' : '<';
    sql.where.push(`(${col}, user_key) ${op} (${sql.p(q.after.value)}, ${sql.p(q.after.key)})`);
  }
  const text = `SELECT user_key, score, band, model_id, last_seen, score_7d_ago, score_change_7d, traits
    FROM users WHERE ${sql.where.join(' AND ')} ORDER BY ${col} ${dir}, user_key ${dir} LIMIT ${sql.p(q.limit)}`;
  return { text, params: sql.params };
}

/**
 * The SQL counting the users that match `filters`.
 *
 * @example
 * const { text, params } = userCountSql('postgres', 'default', [{ bands: ['low'] }]);
 */
export function userCountSql(
  dialect: 'sqlite' | 'postgres',
  project: string,
  filters: ResolvedUserFilter[],
): { text: string; params: unknown[] } {
  const sql = base(dialect, project, filters);
  return { text: `SELECT COUNT(*) AS n FROM users WHERE ${sql.where.join(' AND ')}`, params: sql.params };
}

/** A users-list row as both drivers return it. */
export interface UserListDbRow {
  user_key: string;
  score: number;
  band: string;
  model_id: string;
  last_seen: number | string;
  score_7d_ago: number | null;
  score_change_7d: number;
  traits: string;
}

/**
 * Decodes a users-list row.
 *
 * @example
 * const rows = result.rows.map(userListRowFrom);
 */
export function userListRowFrom(r: UserListDbRow): UserListRow {
  return {
    key: r.user_key,
    score: r.score,
    band: r.band,
    modelId: r.model_id,
    lastSeen: Number(r.last_seen),
    score7dAgo: r.score_7d_ago,
    scoreChange7d: r.score_change_7d,
    traits: JSON.parse(r.traits) as Record<string, unknown>,
  };
}

/**
 * The SQL selecting which of `keys` match `filters` now (the users list's
 * conditions, so a segment's members are exactly the rows its list shows).
 *
 * @example
 * const { text, params } = userMatchSql('sqlite', 'default', [{ bands: ['low'] }], ['u:1', 'u:2']);
 */
export function userMatchSql(
  dialect: 'sqlite' | 'postgres',
  project: string,
  filters: ResolvedUserFilter[],
  keys: string[],
): { text: string; params: unknown[] } {
  const sql = base(dialect, project, filters, 'exists');
  sql.where.push(`user_key IN (${list(sql, keys)})`);
  return { text: `SELECT user_key FROM users WHERE ${sql.where.join(' AND ')}`, params: sql.params };
}

/**
 * The SQL that records every user matching `filters` as a member of a segment
 * since `at` (taking a segment's membership whole, without deliveries).
 *
 * @example
 * const { text, params } = segmentFillSql('postgres', 'default', 'at-risk', filters, Date.now());
 */
export function segmentFillSql(
  dialect: 'sqlite' | 'postgres',
  project: string,
  segmentId: string,
  filters: ResolvedUserFilter[],
  at: number,
): { text: string; params: unknown[] } {
  const sql = base(dialect, project, filters);
  const n = sql.params.length;
  // SQLite numbers `?` by position, PostgreSQL by `$n`: the select list comes first in the text.
  const [seg, since] = dialect === 'sqlite' ? ['?', '?'] : [`$${n + 1}`, `$${n + 2}`];
  const params = dialect === 'sqlite' ? [segmentId, at, ...sql.params] : [...sql.params, segmentId, at];
  const text = `INSERT INTO segment_members (project, segment_id, user_key, since)
    SELECT project, ${seg}, user_key, ${since} FROM users WHERE ${sql.where.join(' AND ')}
    ON CONFLICT DO NOTHING`;
  return { text, params };
}
