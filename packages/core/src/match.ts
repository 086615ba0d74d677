import type { PropertyFilter, Scalar } from './model.js';
import { asRecord, getOwn } from './own.js';

/**
 * The name a signal or milestone matches an event by: the `track` event name,
 * or `$page` for `page` and `screen` events.
 *
 * @example
 * matchName({ type: 'page' }); // → '$page'
 */
export function matchName(event: { type?: string; event?: string }): string | undefined {
  const type = event.type ?? 'track';
  if (type === 'track') return typeof event.event === 'string' ? event.event : undefined;
  if (type === 'page' || type === 'screen') return '$page';
  return undefined;
}

/**
 * True when `record[filter.property]` passes every condition of the filter.
 *
 * @example
 * matchesFilter({ property: 'plan', in: ['pro'] }, { plan: 'pro' }); // → true
 */
export function matchesFilter(filter: PropertyFilter, record: Record<string, unknown> | undefined): boolean {
  const props = asRecord(record);
  const value = props && getOwn(props, filter.property);
  if (filter.equals !== undefined && value !== filter.equals) return false;
  if (filter.in !== undefined && !filter.in.includes(value as Scalar)) return false;
  if (filter.gte !== undefined && !(typeof value === 'number' && value >= filter.gte)) return false;
  if (filter.lte !== undefined && !(typeof value === 'number' && value <= filter.lte)) return false;
  return true;
}

/**
 * True when the record passes all filters (an absent list passes).
 *
 * @example
 * matchesAll([{ property: 'plan', equals: 'pro' }], { plan: 'pro' }); // → true
 */
export function matchesAll(
  filters: PropertyFilter[] | undefined,
  record: Record<string, unknown> | undefined,
): boolean {
  return filters === undefined || filters.every((f) => matchesFilter(f, record));
}
