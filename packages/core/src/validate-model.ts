import { SIGNAL_COUNTS, type ScoringModel } from './model.js';
import { isSafeHref } from './safe-href.js';
import { isRecord } from './own.js';

/**
 * One problem in a model or config, located by a JSON path.
 *
 * @example
 * const i: ValidationIssue = { path: 'signals[2].weight', message: 'must be a finite number' };
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Thrown by `assertModel` / `assertConfig`; `issues` lists every problem and the
 * message names each one as `path: message`.
 *
 * @example
 * try { assertConfig(json); } catch (e) { if (e instanceof ModelValidationError) console.log(e.issues); }
 */
export class ModelValidationError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(`Invalid Pulse config:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ModelValidationError';
    this.issues = issues;
  }
}

type Report = (path: string, message: string) => void;

// Bounds weights, caps and penalties so that no model can overflow the scorer's sums to ±Infinity (and NaN).
const MAX_POINTS = 1_000_000;
type Obj = Record<string, unknown>;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || isNum(v);
const join = (base: string, key: string | number) =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

function checkKeys(o: Obj, allowed: readonly string[], path: string, report: Report): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) report(join(path, k), 'is not a known field');
}

function checkString(o: Obj, key: string, path: string, report: Report, required = true): void {
  if (o[key] === undefined) {
    if (required) report(join(path, key), 'is required');
  } else if (!isStr(o[key])) report(join(path, key), 'must be a non-empty string');
}

function checkNumber(
  o: Obj,
  key: string,
  path: string,
  report: Report,
  opts: { required?: boolean; min?: number; gt?: number; integer?: boolean; points?: boolean } = {},
): void {
  const v = o[key];
  const p = join(path, key);
  if (v === undefined) {
    if (opts.required) report(p, 'is required');
    return;
  }
  if (!isNum(v)) return report(p, 'must be a finite number');
  if (opts.integer && !Number.isInteger(v)) report(p, 'must be a whole number');
  if (opts.min !== undefined && v < opts.min) report(p, `must be ≥ ${opts.min}`);
  if (opts.gt !== undefined && v <= opts.gt) report(p, `must be > ${opts.gt}`);
  if (opts.points && Math.abs(v) > MAX_POINTS) report(p, `must be between -${MAX_POINTS} and ${MAX_POINTS}`);
}

function checkUniqueIds(list: unknown[], path: string, report: Report): void {
  const seen = new Set<unknown>();
  list.forEach((item, i) => {
    if (!isRecord(item) || !isStr(item.id)) return;
    if (seen.has(item.id)) report(join(join(path, i), 'id'), `duplicates "${item.id}"`);
    seen.add(item.id);
  });
}

function checkFilters(v: unknown, path: string, report: Report): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return report(path, 'must be an array of filters');
  v.forEach((f, i) => {
    const p = join(path, i);
    if (!isRecord(f)) return report(p, 'must be an object');
    checkKeys(f, ['property', 'equals', 'in', 'gte', 'lte'], p, report);
    checkString(f, 'property', p, report);
    if (f.equals !== undefined && !isScalar(f.equals)) report(join(p, 'equals'), 'must be a string, number or boolean');
    if (f.in !== undefined && !(Array.isArray(f.in) && f.in.every(isScalar)))
      report(join(p, 'in'), 'must be an array of strings, numbers or booleans');
    checkNumber(f, 'gte', p, report);
    checkNumber(f, 'lte', p, report);
    if (f.equals === undefined && f.in === undefined && f.gte === undefined && f.lte === undefined) {
      report(p, 'needs at least one of equals, in, gte, lte');
    }
  });
}

function checkCapSign(o: Obj, weightKey: string, path: string, report: Report): void {
  const cap = o.cap;
  const weight = o[weightKey];
  if (cap === undefined) return;
  if (!isNum(cap)) return report(join(path, 'cap'), 'must be a finite number');
  if (cap === 0) return report(join(path, 'cap'), 'must not be 0');
  if (Math.abs(cap) > MAX_POINTS) report(join(path, 'cap'), `must be between -${MAX_POINTS} and ${MAX_POINTS}`);
  if (isNum(weight) && weight !== 0 && Math.sign(cap) !== Math.sign(weight)) {
    report(join(path, 'cap'), `must have the sign of ${weightKey} (${weight})`);
  }
}

function checkSignal(s: unknown, p: string, report: Report): void {
  if (!isRecord(s)) return report(p, 'must be an object');
  checkKeys(s, ['id', 'event', 'weight', 'count', 'minPerPeriod', 'value', 'where', 'cap'], p, report);
  checkString(s, 'id', p, report);
  checkString(s, 'event', p, report);
  checkNumber(s, 'weight', p, report, { required: true, points: true });
  if (s.count !== undefined && !SIGNAL_COUNTS.includes(s.count as never)) {
    report(join(p, 'count'), `must be one of ${SIGNAL_COUNTS.join(', ')}`);
  }
  checkNumber(s, 'minPerPeriod', p, report, { min: 1, integer: true });
  if (s.minPerPeriod !== undefined && (s.count ?? 'occurrences') === 'occurrences') {
    report(join(p, 'minPerPeriod'), 'only applies with count "activeDays" or "activeWeeks"');
  }
  checkString(s, 'value', p, report, false);
  // Only with a valid other count: an unknown count is reported once, above.
  if (s.value !== undefined && (s.count === 'activeDays' || s.count === 'activeWeeks')) {
    report(join(p, 'value'), 'only applies with count "occurrences"');
  }
  checkFilters(s.where, join(p, 'where'), report);
  checkCapSign(s, 'weight', p, report);
}

function checkInactivity(r: unknown, p: string, report: Report): void {
  if (!isRecord(r)) return report(p, 'must be an object');
  checkKeys(r, ['afterDays', 'points', 'perDay', 'cap'], p, report);
  checkNumber(r, 'afterDays', p, report, { required: true, min: 0 });
  checkNumber(r, 'points', p, report, { points: true });
  checkNumber(r, 'perDay', p, report, { points: true });
  if ((r.points === undefined) === (r.perDay === undefined)) report(p, 'needs exactly one of points, perDay');
  if (r.cap !== undefined && r.perDay === undefined) report(join(p, 'cap'), 'only applies with perDay');
  else checkCapSign(r, 'perDay', p, report);
}

function checkBands(v: unknown, p: string, report: Report): void {
  if (!Array.isArray(v) || v.length === 0) return report(p, 'must be a non-empty array');
  let previous = -Infinity;
  v.forEach((b, i) => {
    const bp = join(p, i);
    if (!isRecord(b)) return report(bp, 'must be an object');
    checkKeys(b, ['id', 'min', 'label'], bp, report);
    checkString(b, 'id', bp, report);
    checkString(b, 'label', bp, report, false);
    checkNumber(b, 'min', bp, report, { required: true, min: 0 });
    if (!isNum(b.min)) return;
    if (b.min > 100) report(join(bp, 'min'), 'must be ≤ 100');
    if (i === 0 && b.min !== 0) report(join(bp, 'min'), 'must be 0 for the first band, so every score has a band');
    if (b.min <= previous) report(join(bp, 'min'), `must be greater than the previous band's min (${previous})`);
    previous = b.min;
  });
  checkUniqueIds(v, p, report);
}

function checkMilestones(v: unknown, p: string, report: Report): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return report(p, 'must be an array');
  v.forEach((m, i) => {
    const mp = join(p, i);
    if (!isRecord(m)) return report(mp, 'must be an object');
    checkKeys(m, ['id', 'event', 'title', 'where', 'href'], mp, report);
    checkString(m, 'id', mp, report);
    checkString(m, 'event', mp, report);
    checkString(m, 'title', mp, report);
    checkString(m, 'href', mp, report, false);
    if (isStr(m.href) && !isSafeHref(m.href)) report(join(mp, 'href'), 'must be an http(s) or relative URL');
    checkFilters(m.where, join(mp, 'where'), report);
  });
  checkUniqueIds(v, p, report);
}

function checkAppliesTo(v: unknown, p: string, report: Report): void {
  if (v === undefined) return;
  if (!isRecord(v)) return report(p, 'must be an object');
  checkKeys(v, ['trait', 'equals', 'in'], p, report);
  checkString(v, 'trait', p, report);
  if (v.equals === undefined && v.in === undefined) report(p, 'needs equals or in');
  if (v.equals !== undefined && !isScalar(v.equals)) report(join(p, 'equals'), 'must be a string, number or boolean');
  if (v.in !== undefined && !(Array.isArray(v.in) && v.in.every(isScalar)))
    report(join(p, 'in'), 'must be an array of strings, numbers or booleans');
}

const LIFECYCLE_DAYS = ['minDaysSinceFirstSeen', 'maxDaysSinceFirstSeen', 'minDaysInactive', 'maxDaysInactive'];

function checkLifecycle(v: unknown, p: string, report: Report): void {
  if (v === undefined) return;
  if (!isRecord(v)) return report(p, 'must be an object');
  checkKeys(v, ['traits', ...LIFECYCLE_DAYS], p, report);
  checkFilters(v.traits, join(p, 'traits'), report);
  for (const key of LIFECYCLE_DAYS) checkNumber(v, key, p, report, { min: 0, integer: true });
  if (Object.keys(v).length === 0) report(p, `needs at least one of traits, ${LIFECYCLE_DAYS.join(', ')}`);
  for (const [min, max] of [
    ['minDaysSinceFirstSeen', 'maxDaysSinceFirstSeen'],
    ['minDaysInactive', 'maxDaysInactive'],
  ] as const) {
    const lo = v[min];
    const hi = v[max];
    if (isNum(lo) && isNum(hi) && lo > hi) report(join(p, max), `must be ≥ ${min} (${lo})`);
  }
}

function collectModelIssues(m: unknown, path: string, report: Report): void {
  if (!isRecord(m)) return report(path || '(model)', 'must be an object');
  checkKeys(
    m,
    [
      'id',
      'windowDays',
      'halfLifeDays',
      'signals',
      'inactivity',
      'scale',
      'bands',
      'milestones',
      'appliesTo',
      'lifecycle',
      'description',
    ],
    path,
    report,
  );
  checkString(m, 'id', path, report);
  if (m.description !== undefined && typeof m.description !== 'string') {
    report(join(path, 'description'), 'must be a string');
  }
  checkNumber(m, 'windowDays', path, report, { required: true, min: 1, integer: true });
  if (m.halfLifeDays !== null) checkNumber(m, 'halfLifeDays', path, report, { gt: 0 });
  if (!Array.isArray(m.signals)) report(join(path, 'signals'), 'must be an array');
  else {
    m.signals.forEach((s, i) => checkSignal(s, join(join(path, 'signals'), i), report));
    checkUniqueIds(m.signals, join(path, 'signals'), report);
  }
  if (m.inactivity !== undefined) {
    if (!Array.isArray(m.inactivity)) report(join(path, 'inactivity'), 'must be an array');
    else m.inactivity.forEach((r, i) => checkInactivity(r, join(join(path, 'inactivity'), i), report));
  }
  const scalePath = join(path, 'scale');
  if (!isRecord(m.scale)) report(scalePath, 'must be an object with maxPoints');
  else {
    checkKeys(m.scale, ['maxPoints'], scalePath, report);
    checkNumber(m.scale, 'maxPoints', scalePath, report, { required: true, gt: 0 });
  }
  checkBands(m.bands, join(path, 'bands'), report);
  checkMilestones(m.milestones, join(path, 'milestones'), report);
  checkAppliesTo(m.appliesTo, join(path, 'appliesTo'), report);
  checkLifecycle(m.lifecycle, join(path, 'lifecycle'), report);
}

/**
 * Every problem in an untrusted scoring model, by path; empty when valid.
 *
 * @example
 * validateModel({ id: 'x', windowDays: 30, signals: [{ id: 's', event: 'E', weight: 'a' }], scale: { maxPoints: 10 }, bands: [{ id: 'low', min: 0 }] });
 * // → [{ path: 'signals[0].weight', message: 'must be a finite number' }]
 */
export function validateModel(model: unknown, path = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  collectModelIssues(model, path, (p, message) => issues.push({ path: p, message }));
  return issues;
}

/**
 * Every problem in an untrusted list of milestones (a score's shared ones), by path.
 *
 * @example
 * validateMilestones([{ id: 'm' }], 'scores[0].milestones'); // → [{ path: 'scores[0].milestones[0].event', … }, …]
 */
export function validateMilestones(milestones: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkMilestones(milestones, path, (p, message) => issues.push({ path: p, message }));
  return issues;
}

/**
 * Returns the model typed when valid; throws `ModelValidationError` listing every problem otherwise.
 *
 * @example
 * const model = assertModel(JSON.parse(text));
 */
export function assertModel(model: unknown): ScoringModel {
  const issues = validateModel(model);
  if (issues.length > 0) throw new ModelValidationError(issues);
  return model as ScoringModel;
}
