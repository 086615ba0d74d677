/**
 * The Users page's filter: the list API's query parameters (`band`, `minScore`,
 * `trait.plan`, …) as a plain record, so the page's address, the API call, the
 * CSV export and a saved segment all carry the same words.
 */
export type UserFilter = Record<string, string>;

/** Columns the list sorts by, as the API names them. */
export const SORT_KEYS = ['score', 'lastSeen', 'scoreChange7d'] as const;
/** A sortable column. */
export type SortKey = (typeof SORT_KEYS)[number];
/** A sort: column and direction. */
export interface Sort {
  key: SortKey;
  order: 'asc' | 'desc';
}

const TRAIT = 'trait.';

/**
 * Reads a filter and sort from a query string (the part of the page address after `?`).
 * Empty values are dropped; an unknown sort falls back to score, highest first.
 *
 * @example
 * parseUsersQuery('band=low&sort=lastSeen&order=asc'); // { filter: { band: 'low' }, sort: { key: 'lastSeen', order: 'asc' } }
 */
export function parseUsersQuery(query: string): { filter: UserFilter; sort: Sort } {
  const params = new URLSearchParams(query);
  const filter: UserFilter = {};
  let sort: Sort = { key: 'score', order: 'desc' };
  const key = params.get('sort');
  if ((SORT_KEYS as readonly string[]).includes(key ?? '')) {
    sort = { key: key as SortKey, order: params.get('order') === 'asc' ? 'asc' : 'desc' };
  }
  for (const [name, value] of params) {
    if (name !== 'sort' && name !== 'order' && name !== 'cursor' && value !== '') filter[name] = value;
  }
  return { filter, sort };
}

/**
 * The query string for a filter and sort (stable key order, so equal filters give equal strings).
 *
 * @example
 * usersQuery({ band: 'low' }, { key: 'score', order: 'desc' }); // 'band=low&sort=score&order=desc'
 */
export function usersQuery(filter: UserFilter, sort?: Sort, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(filter).sort()) if (filter[name] !== '') params.set(name, filter[name] as string);
  if (sort) {
    params.set('sort', sort.key);
    params.set('order', sort.order);
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

/** A filter's traits as `[name, value]` pairs, in name order. */
export function filterTraits(filter: UserFilter): [string, string][] {
  return Object.entries(filter)
    .filter(([k]) => k.startsWith(TRAIT))
    .map(([k, v]): [string, string] => [k.slice(TRAIT.length), v])
    .sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A copy of `filter` with `name` set to `value`, or removed when `value` is empty.
 *
 * @example
 * withValue({ band: 'low' }, 'band', ''); // {}
 */
export function withValue(filter: UserFilter, name: string, value: string): UserFilter {
  const next = { ...filter };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

/**
 * A copy of `filter` whose traits are exactly `traits` (pairs with an empty name or value are dropped).
 *
 * @example
 * withTraits({ band: 'low' }, [['plan', 'trial']]); // { band: 'low', 'trait.plan': 'trial' }
 */
export function withTraits(filter: UserFilter, traits: [string, string][]): UserFilter {
  const next = Object.fromEntries(Object.entries(filter).filter(([k]) => !k.startsWith(TRAIT)));
  for (const [name, value] of traits) if (name.trim() !== '' && value !== '') next[TRAIT + name.trim()] = value;
  return next;
}
