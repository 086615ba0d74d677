import { ACCOUNT_AGGREGATIONS } from './model.js';
import { isRecord } from './own.js';
import { parseUserFilter, type KnownIds } from './user-filter.js';
import type { ValidationIssue } from './validate-model.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Issues of a config's `segments`: ids (`[A-Za-z0-9_-]`, unique), names, and
 * each filter parsed as the users list parses it (a segment cannot name another
 * segment, so none can loop).
 *
 * @example
 * segmentIssues({ segments: [{ id: 'x', name: 'X', filter: { band: 'nope' } }] }, { bands: new Set(['low']) });
 */
export function segmentIssues(config: Record<string, unknown>, known: KnownIds): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const list = config.segments;
  if (list === undefined) return issues;
  if (!Array.isArray(list)) return [{ path: 'segments', message: 'must be an array' }];
  const seen = new Set<string>();
  list.forEach((s, i) => {
    const p = `segments[${i}]`;
    if (!isRecord(s)) return issues.push({ path: p, message: 'must be an object with id, name and filter' });
    for (const k of Object.keys(s))
      if (!['id', 'name', 'filter'].includes(k)) issues.push({ path: `${p}.${k}`, message: 'is not a known field' });
    if (typeof s.id !== 'string' || !ID.test(s.id))
      issues.push({ path: `${p}.id`, message: 'must be 1–64 letters, digits, - or _' });
    else if (seen.has(s.id)) issues.push({ path: `${p}.id`, message: `duplicates "${s.id}"` });
    else seen.add(s.id);
    if (typeof s.name !== 'string' || s.name.trim() === '')
      issues.push({ path: `${p}.name`, message: 'must be a non-empty string' });
    if (!isRecord(s.filter)) return issues.push({ path: `${p}.filter`, message: 'must be an object of parameters' });
    const { filter, issues: own } = parseUserFilter(s.filter, { ...known, segments: new Set() });
    for (const issue of own) issues.push({ path: `${p}.filter.${issue.path}`, message: issue.message });
    if (filter.segment !== undefined) issues.push({ path: `${p}.filter.segment`, message: 'cannot name a segment' });
    return undefined;
  });
  return issues;
}

/**
 * Issues of a config's `accounts` settings.
 *
 * @example
 * accountIssues({ accounts: { aggregation: 'median' } }); // → [{ path: 'accounts.aggregation', … }]
 */
export function accountIssues(config: Record<string, unknown>): ValidationIssue[] {
  const a = config.accounts;
  if (a === undefined) return [];
  if (!isRecord(a)) return [{ path: 'accounts', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  for (const k of Object.keys(a))
    if (!['aggregation', 'weightTrait', 'weights', 'roleTrait'].includes(k))
      issues.push({ path: `accounts.${k}`, message: 'is not a known field' });
  if (a.aggregation !== undefined && !ACCOUNT_AGGREGATIONS.includes(a.aggregation as never))
    issues.push({ path: 'accounts.aggregation', message: `must be one of ${ACCOUNT_AGGREGATIONS.join(', ')}` });
  for (const k of ['weightTrait', 'roleTrait'] as const)
    if (a[k] !== undefined && !(typeof a[k] === 'string' && a[k] !== ''))
      issues.push({ path: `accounts.${k}`, message: 'must be a trait name' });
  if (a.aggregation === 'trait' && a.weightTrait === undefined)
    issues.push({ path: 'accounts.weightTrait', message: 'is required with aggregation "trait"' });
  if (a.weights !== undefined) {
    const w = a.weights;
    if (!isRecord(w) || !Object.values(w).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0))
      issues.push({ path: 'accounts.weights', message: 'must map trait values to numbers ≥ 0' });
  }
  return issues;
}
