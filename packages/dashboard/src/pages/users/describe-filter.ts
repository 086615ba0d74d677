import { filterTraits, type UserFilter } from './user-filter.js';

/** Display names the description uses: milestone titles and segment names by id. */
export interface FilterNames {
  milestones?: Record<string, string>;
  segments?: Record<string, string>;
}

/**
 * A date as growth people read it: `2026-11-25` → `25 Nov 2026`, `-7d` → `7 days ago`.
 *
 * @example
 * readableDate('2026-11-25'); // '25 Nov 2026'
 */
export function readableDate(iso: string): string {
  const relative = /^-(\d+)d$/.exec(iso);
  if (relative) return relative[1] === '1' ? 'yesterday' : `${relative[1]} days ago`;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Each condition of a filter in plain words, in a fixed order, for the summary
 * above the table and a saved segment's default name.
 *
 * @example
 * describeFilter({ band: 'low', 'trait.plan': 'trial' }); // ['plan is trial', 'in the Low band']
 */
export function describeFilter(filter: UserFilter, names: FilterNames = {}): string[] {
  const out: string[] = [];
  const title = (id: string) => names.milestones?.[id] ?? id;
  if (filter.segment) out.push(`in the segment “${names.segments?.[filter.segment] ?? filter.segment}”`);
  for (const [name, value] of filterTraits(filter)) out.push(`${name} is ${value}`);
  if (filter.model) out.push(`scored as ${filter.model}`);
  if (filter.band) out.push(`in the ${capital(filter.band)} band`);
  if (filter.minScore && filter.maxScore) out.push(`score ${filter.minScore} to ${filter.maxScore}`);
  else if (filter.minScore) out.push(`score at least ${filter.minScore}`);
  else if (filter.maxScore) out.push(`score at most ${filter.maxScore}`);
  if (filter.bandChangedSince) {
    const moved = filter.bandDirection === 'down' ? 'dropped' : filter.bandDirection === 'up' ? 'rose' : 'changed';
    out.push(`band ${moved} since ${readableDate(filter.bandChangedSince)}`);
  }
  if (filter.milestone) out.push(`did “${title(filter.milestone)}”`);
  if (filter.milestoneMissing) out.push(`has not done “${title(filter.milestoneMissing)}”`);
  if (filter.seenAfter) out.push(`active after ${readableDate(filter.seenAfter)}`);
  if (filter.seenBefore) out.push(`last active before ${readableDate(filter.seenBefore)}`);
  if (filter.group) out.push(`in account ${filter.group}`);
  return out;
}
