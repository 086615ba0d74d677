import { getOwn } from './own.js';
import { DAY_MS, utcDay } from './time.js';
import type { ValidationIssue } from './validate-model.js';

/**
 * A time a filter compares with: a fixed instant, or the start of the UTC day
 * `daysAgo` days before now (what `-7d` means, so a saved segment stays current).
 *
 * @example
 * const t: TimeRef = { daysAgo: 7 };
 */
export type TimeRef = { at: number } | { daysAgo: number };

/**
 * The users list's filter, typed: every condition optional, combined with AND.
 * See `parseUserFilter` for the parameter names.
 *
 * @example
 * const f: UserFilter = { bands: ['low'], traits: [{ name: 'plan', value: 'trial' }] };
 */
export interface UserFilter {
  bands?: string[];
  minScore?: number;
  maxScore?: number;
  models?: string[];
  traits?: { name: string; value: string }[];
  milestone?: string;
  milestoneMissing?: string;
  seenAfter?: TimeRef;
  seenBefore?: TimeRef;
  group?: string;
  bandChangedSince?: TimeRef;
  bandDirection?: 'down' | 'up';
  segment?: string;
}

/**
 * Ids a filter may name; a set given here makes other ids an issue.
 *
 * @example
 * const k: KnownIds = { bands: new Set(['low', 'high']) };
 */
export interface KnownIds {
  bands?: ReadonlySet<string>;
  models?: ReadonlySet<string>;
  milestones?: ReadonlySet<string>;
  segments?: ReadonlySet<string>;
}

/** The filter parameter names (besides `trait.<name>`). */
export const USER_FILTER_KEYS = [
  'band',
  'minScore',
  'maxScore',
  'model',
  'milestone',
  'milestoneMissing',
  'seenAfter',
  'seenBefore',
  'group',
  'bandChangedSince',
  'bandDirection',
  'segment',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RELATIVE = /^-(\d{1,4})d$/;
const TIME_RULE = 'must be a date (YYYY-MM-DD), an ISO timestamp or -Nd (N days ago)';

/**
 * Parses a filter time: `YYYY-MM-DD` (the start of that UTC day), an ISO
 * timestamp, or `-Nd`; null when it is none of them.
 *
 * @example
 * parseTimeRef('-7d'); // → { daysAgo: 7 }
 */
export function parseTimeRef(value: string): TimeRef | null {
  const relative = RELATIVE.exec(value);
  if (relative) return { daysAgo: Number(relative[1]) };
  const at = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(at) || !(DATE.test(value) || /^\d{4}-\d{2}-\d{2}T/.test(value))) return null;
  return { at };
}

/**
 * The epoch-ms instant of a `TimeRef` at `now`.
 *
 * @example
 * resolveTime({ daysAgo: 1 }, Date.parse('2026-11-22T15:00:00Z')); // → Date.parse('2026-11-21T00:00:00Z')
 */
export function resolveTime(ref: TimeRef, now: number): number {
  return 'at' in ref ? ref.at : (utcDay(now) - ref.daysAgo) * DAY_MS;
}

type Report = (path: string, message: string) => void;

function ids(value: string, key: string, known: ReadonlySet<string> | undefined, report: Report): string[] {
  const list = value.split(',').map((s) => s.trim());
  if (list.some((s) => s === '')) report(key, 'must be a comma-separated list of ids');
  for (const id of list) if (id !== '' && known !== undefined && !known.has(id)) report(key, `unknown id "${id}"`);
  return list.filter((s) => s !== '');
}

function scoreBound(value: string, key: string, report: Report): number | undefined {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    report(key, 'must be a number from 0 to 100');
    return undefined;
  }
  return n;
}

function time(value: string, key: string, report: Report): TimeRef | undefined {
  const ref = parseTimeRef(value);
  if (ref === null) report(key, TIME_RULE);
  return ref ?? undefined;
}

function one(value: string, key: string, known: ReadonlySet<string> | undefined, report: Report): string {
  if (value === '') report(key, 'must not be empty');
  else if (known !== undefined && !known.has(value)) report(key, `unknown id "${value}"`);
  return value;
}

// One case per parameter: the switch is the language's grammar.
function parseOne(f: UserFilter, key: string, value: string, known: KnownIds, report: Report): void {
  switch (key) {
    case 'band':
      f.bands = ids(value, key, known.bands, report);
      return;
    case 'model':
      f.models = ids(value, key, known.models, report);
      return;
    case 'minScore':
      f.minScore = scoreBound(value, key, report);
      return;
    case 'maxScore':
      f.maxScore = scoreBound(value, key, report);
      return;
    case 'milestone':
      f.milestone = one(value, key, known.milestones, report);
      return;
    case 'milestoneMissing':
      f.milestoneMissing = one(value, key, known.milestones, report);
      return;
    case 'seenAfter':
      f.seenAfter = time(value, key, report);
      return;
    case 'seenBefore':
      f.seenBefore = time(value, key, report);
      return;
    case 'bandChangedSince':
      f.bandChangedSince = time(value, key, report);
      return;
    case 'group':
      f.group = one(value, key, undefined, report);
      return;
    case 'segment':
      f.segment = one(value, key, known.segments, report);
      return;
    case 'bandDirection':
      if (value === 'down' || value === 'up') f.bandDirection = value;
      else report(key, 'must be "down" or "up"');
      return;
    default:
      if (key.startsWith('trait.') && key.length > 'trait.'.length) {
        (f.traits ??= []).push({ name: key.slice('trait.'.length), value });
      } else report(key, 'is not a known filter');
  }
}

/**
 * Parses filter parameters (a query string's or a saved segment's `filter`)
 * into a `UserFilter`, with every issue named by its parameter: unknown
 * parameters, bad numbers and dates, ids not in `known`, a repeated parameter,
 * `bandDirection` without `bandChangedSince`, a min above the max.
 *
 * @example
 * const { filter, issues } = parseUserFilter({ band: 'low', 'trait.plan': 'trial' });
 */
export function parseUserFilter(
  params: Record<string, unknown>,
  known: KnownIds = {},
): { filter: UserFilter; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  const filter: UserFilter = {};
  for (const key of Object.keys(params)) {
    const raw = getOwn(params, key);
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      report(key, 'is given more than once');
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      report(key, 'must be a string');
      continue;
    }
    parseOne(filter, key, String(raw), known, report);
  }
  if (filter.bandDirection !== undefined && filter.bandChangedSince === undefined) {
    report('bandDirection', 'needs bandChangedSince');
  }
  if (filter.minScore !== undefined && filter.maxScore !== undefined && filter.minScore > filter.maxScore) {
    report('minScore', 'must not be above maxScore');
  }
  return { filter, issues };
}
