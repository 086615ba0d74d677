import { parseUserFilter, resolveTime, type NormalizedConfig, type UserFilter } from '@pulse/core';
import { PulseError } from '../errors.js';
import type { ResolvedUserFilter } from '../store/user-list-sql.js';
import { knownIds } from './known-ids.js';

function resolveOne(f: UserFilter, now: number): ResolvedUserFilter {
  const { segment, seenAfter, seenBefore, bandChangedSince, ...rest } = f;
  void segment;
  return {
    ...rest,
    ...(seenAfter === undefined ? {} : { seenAfter: resolveTime(seenAfter, now) }),
    ...(seenBefore === undefined ? {} : { seenBefore: resolveTime(seenBefore, now) }),
    ...(bandChangedSince === undefined ? {} : { bandChangedSince: resolveTime(bandChangedSince, now) }),
  };
}

/**
 * Parses filter parameters under `config` and resolves them at `now`: times to
 * epoch ms, and a `segment` to its own filter (ANDed). Throws an `invalid`
 * `PulseError` naming every bad parameter.
 *
 * @example
 * const filters = resolveUserFilter({ band: 'low', segment: 'trial' }, config, Date.now());
 */
export function resolveUserFilter(
  params: Record<string, unknown>,
  config: NormalizedConfig,
  now: number,
): ResolvedUserFilter[] {
  const { filter, issues } = parseUserFilter(params, knownIds(config));
  if (issues.length > 0) {
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new PulseError('invalid', message, { details: { issues } });
  }
  const filters = [resolveOne(filter, now)];
  if (filter.segment !== undefined) filters.push(...segmentFilters(config, filter.segment, now));
  return filters;
}

/**
 * A saved segment's filter, resolved at `now` (the config validated it).
 *
 * @example
 * const filters = segmentFilters(config, 'at-risk', Date.now());
 */
export function segmentFilters(config: NormalizedConfig, segmentId: string, now: number): ResolvedUserFilter[] {
  const segment = (config.segments ?? []).find((s) => s.id === segmentId);
  if (segment === undefined) throw new PulseError('not-found', `segment "${segmentId}" does not exist`);
  const { filter } = parseUserFilter(segment.filter, knownIds(config));
  return [resolveOne(filter, now)];
}
