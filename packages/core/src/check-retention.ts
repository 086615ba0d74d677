import type { ValidationIssue } from './validate-model.js';
import { isRecord } from './own.js';
import { modelsWithPaths } from './models-with-paths.js';

type Obj = Record<string, unknown>;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const LIFECYCLE_DAYS = ['minDaysSinceFirstSeen', 'maxDaysSinceFirstSeen', 'minDaysInactive', 'maxDaysInactive'];

/** How many days back an inactivity rule changes scores: Infinity for a `perDay` rule without `cap`. */
function inactivityReach(rule: Obj): number {
  const after = rule.afterDays as number;
  if (rule.perDay === undefined) return after + 1;
  if (!isNum(rule.cap) || !isNum(rule.perDay) || rule.perDay === 0) return Infinity;
  return after + Math.ceil(Math.abs(rule.cap / rule.perDay));
}

function checkModel(m: Obj, p: string, days: number, issues: ValidationIssue[]): void {
  const past = `reaches past retention.eventsDays (${days}): a rescore after the purge would give other scores`;
  if (isNum(m.windowDays) && m.windowDays > days) issues.push({ path: `${p}.windowDays`, message: past });
  if (Array.isArray(m.inactivity)) {
    m.inactivity.forEach((rule: unknown, i) => {
      if (!isRecord(rule) || !isNum(rule.afterDays)) return;
      const reach = inactivityReach(rule);
      if (reach === Infinity) {
        issues.push({ path: `${p}.inactivity[${i}].cap`, message: `is required with retention (${days} days)` });
      } else if (reach > days) {
        issues.push({ path: `${p}.inactivity[${i}]`, message: `${past} (it reaches ${reach} days)` });
      }
    });
  }
  const lifecycle = m.lifecycle;
  if (!isRecord(lifecycle)) return;
  for (const key of LIFECYCLE_DAYS) {
    const v = lifecycle[key];
    if (isNum(v) && v >= days) issues.push({ path: `${p}.lifecycle.${key}`, message: past });
  }
}

/**
 * The problems of a config's `retention`: its shape, and every model window,
 * inactivity rule or lifecycle bound that looks further back than raw events
 * are kept (those would make scores change when old events are purged and the
 * rollups rebuilt). Part of `validateConfig`.
 *
 * @example
 * retentionIssues({ models: [{ id: 'm', windowDays: 90 }], retention: { eventsDays: 60 } });
 * // → [{ path: 'models[0].windowDays', message: 'reaches past retention.eventsDays (60): …' }]
 */
export function retentionIssues(config: Obj): ValidationIssue[] {
  const r = config.retention;
  if (r === undefined) return [];
  if (!isRecord(r)) return [{ path: 'retention', message: 'must be an object like { "eventsDays": 400 }' }];
  const issues: ValidationIssue[] = [];
  for (const k of Object.keys(r))
    if (k !== 'eventsDays') issues.push({ path: `retention.${k}`, message: 'is not a known field' });
  const days = r.eventsDays;
  if (!(Number.isInteger(days) && (days as number) >= 1)) {
    issues.push({ path: 'retention.eventsDays', message: 'must be a whole number ≥ 1' });
    return issues;
  }
  for (const { model, path } of modelsWithPaths(config)) checkModel(model, path, days as number, issues);
  return issues;
}
