import { retentionIssues } from './check-retention.js';
import { EXPERIMENT_STATUSES, PLACEMENTS, type PulseConfig } from './model.js';
import { isSafeHref } from './safe-href.js';
import { ModelValidationError, validateModel, type ValidationIssue } from './validate-model.js';
import { isRecord } from './own.js';
import { accountIssues, segmentIssues } from './validate-segments.js';

type Report = (path: string, message: string) => void;
type Ids = { milestoneIds: Set<string>; bandIds: Set<string>; segmentIds: Set<string> };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function checkContent(c: unknown, p: string, report: Report): void {
  if (c === null) return;
  if (!isRecord(c)) return report(p, 'must be null (control) or an object with a title');
  for (const k of Object.keys(c))
    if (!['title', 'body', 'cta'].includes(k)) report(`${p}.${k}`, 'is not a known field');
  if (!isStr(c.title)) report(`${p}.title`, 'must be a non-empty string');
  if (c.body !== undefined && typeof c.body !== 'string') report(`${p}.body`, 'must be a string');
  if (c.cta === undefined) return;
  const cta = c.cta;
  if (!isRecord(cta)) return report(`${p}.cta`, 'must be an object');
  if (!isStr(cta.label)) report(`${p}.cta.label`, 'must be a non-empty string');
  if (cta.href === undefined && cta.event === undefined) report(`${p}.cta`, 'needs href or event');
  if (cta.href !== undefined && !(typeof cta.href === 'string' && isSafeHref(cta.href))) {
    report(`${p}.cta.href`, 'must be an http(s) or relative URL');
  }
  if (cta.event !== undefined && !isStr(cta.event)) report(`${p}.cta.event`, 'must be a non-empty string');
}

function checkTrigger(t: unknown, p: string, report: Report, ids: Ids): void {
  const { milestoneIds, bandIds, segmentIds } = ids;
  if (!isRecord(t)) return report(p, 'must be an object');
  for (const k of Object.keys(t)) {
    if (!['bands', 'milestoneIncomplete', 'minDaysSinceFirstSeen', 'event', 'segment'].includes(k))
      report(`${p}.${k}`, 'is not a known field');
  }
  if (t.bands !== undefined) {
    if (!Array.isArray(t.bands) || !t.bands.every(isStr)) report(`${p}.bands`, 'must be an array of band ids');
    else
      t.bands.forEach((b, i) => {
        if (!bandIds.has(b)) report(`${p}.bands[${i}]`, `is not a band of any model ("${b}")`);
      });
  }
  if (t.milestoneIncomplete !== undefined) {
    if (!isStr(t.milestoneIncomplete)) report(`${p}.milestoneIncomplete`, 'must be a milestone id');
    else if (!milestoneIds.has(t.milestoneIncomplete))
      report(`${p}.milestoneIncomplete`, `is not a milestone of any model ("${t.milestoneIncomplete}")`);
  }
  if (t.minDaysSinceFirstSeen !== undefined && !(isNum(t.minDaysSinceFirstSeen) && t.minDaysSinceFirstSeen >= 0)) {
    report(`${p}.minDaysSinceFirstSeen`, 'must be a number ≥ 0');
  }
  if (t.event !== undefined && !isStr(t.event)) report(`${p}.event`, 'must be a non-empty string');
  if (t.segment !== undefined && !(isStr(t.segment) && segmentIds.has(t.segment)))
    report(`${p}.segment`, 'must name a segment of the config');
}

function checkVariants(v: unknown, p: string, report: Report): string[] {
  if (!Array.isArray(v) || v.length === 0) {
    report(p, 'must be a non-empty array');
    return [];
  }
  const ids: string[] = [];
  let total = 0;
  v.forEach((variant, i) => {
    const vp = `${p}[${i}]`;
    if (!isRecord(variant)) return report(vp, 'must be an object');
    if (!isStr(variant.id)) report(`${vp}.id`, 'must be a non-empty string');
    else if (ids.includes(variant.id)) report(`${vp}.id`, `duplicates "${variant.id}"`);
    else ids.push(variant.id);
    if (!(isNum(variant.weight) && variant.weight >= 0)) report(`${vp}.weight`, 'must be a number ≥ 0');
    else total += variant.weight;
    if (!('content' in variant)) report(`${vp}.content`, 'is required (null for a control)');
    else checkContent(variant.content, `${vp}.content`, report);
  });
  if (total <= 0) report(p, 'weights must add up to more than 0');
  return ids;
}

function checkNudge(n: unknown, p: string, report: Report, ids: Ids): void {
  if (!isRecord(n)) return report(p, 'must be an object');
  const known = [
    'id',
    'placement',
    'anchor',
    'trigger',
    'variants',
    'goal',
    'frequency',
    'status',
    'winner',
    'description',
    'analysis',
  ];
  for (const k of Object.keys(n)) if (!known.includes(k)) report(`${p}.${k}`, 'is not a known field');
  if (!isStr(n.id)) report(`${p}.id`, 'must be a non-empty string');
  if (n.description !== undefined && typeof n.description !== 'string') report(`${p}.description`, 'must be a string');
  if (!PLACEMENTS.includes(n.placement as never)) report(`${p}.placement`, `must be one of ${PLACEMENTS.join(', ')}`);
  if (n.placement === 'tooltip' && !isStr(n.anchor))
    report(`${p}.anchor`, 'is required for a tooltip (a CSS selector)');
  checkTrigger(n.trigger, `${p}.trigger`, report, ids);
  const variantIds = checkVariants(n.variants, `${p}.variants`, report);
  if (!isRecord(n.goal)) report(`${p}.goal`, 'must be an object with event and withinDays');
  else {
    if (!isStr(n.goal.event)) report(`${p}.goal.event`, 'must be a non-empty string');
    if (!(isNum(n.goal.withinDays) && n.goal.withinDays > 0)) report(`${p}.goal.withinDays`, 'must be a number > 0');
  }
  if (n.frequency !== undefined) {
    const f = n.frequency;
    if (!isRecord(f)) report(`${p}.frequency`, 'must be an object');
    else {
      if (
        f.maxImpressions !== undefined &&
        !(Number.isInteger(f.maxImpressions) && (f.maxImpressions as number) >= 1)
      ) {
        report(`${p}.frequency.maxImpressions`, 'must be a whole number ≥ 1');
      }
      if (f.cooldownHours !== undefined && !(isNum(f.cooldownHours) && f.cooldownHours >= 0)) {
        report(`${p}.frequency.cooldownHours`, 'must be a number ≥ 0');
      }
    }
  }
  if (n.status !== undefined && !EXPERIMENT_STATUSES.includes(n.status as never)) {
    report(`${p}.status`, `must be one of ${EXPERIMENT_STATUSES.join(', ')}`);
  }
  if (n.status === 'concluded' && !(isStr(n.winner) && variantIds.includes(n.winner))) {
    report(`${p}.winner`, 'must name one of the variants when status is "concluded"');
  }
  if (n.analysis !== undefined) checkAnalysis(n.analysis, `${p}.analysis`, report);
}

function checkAnalysis(a: unknown, p: string, report: Report): void {
  if (!isRecord(a)) return report(p, 'must be an object');
  for (const k of Object.keys(a)) {
    if (!['guardrailEvents', 'minDetectableEffect', 'power'].includes(k)) report(`${p}.${k}`, 'is not a known field');
  }
  const g = a.guardrailEvents;
  if (g !== undefined) {
    if (!Array.isArray(g) || !g.every(isStr)) report(`${p}.guardrailEvents`, 'must be an array of event names');
    else if (new Set(g).size !== g.length) report(`${p}.guardrailEvents`, 'must not repeat an event');
  }
  const mde = a.minDetectableEffect;
  if (mde !== undefined && !(isNum(mde) && mde > 0 && mde < 1)) {
    report(`${p}.minDetectableEffect`, 'must be an absolute lift between 0 and 1 (0.02 = 2 points)');
  }
  if (a.power !== undefined && !(isNum(a.power) && a.power >= 0.5 && a.power < 1)) {
    report(`${p}.power`, 'must be a number from 0.5 to below 1');
  }
}

function collectIds(models: unknown[], key: 'milestones' | 'bands'): Set<string> {
  const ids = new Set<string>();
  for (const m of models) {
    if (!isRecord(m) || !Array.isArray(m[key])) continue;
    for (const item of m[key] as unknown[]) if (isRecord(item) && isStr(item.id)) ids.add(item.id);
  }
  return ids;
}

/**
 * Every problem in an untrusted `pulse.config.json`, by path; empty when valid.
 *
 * @example
 * validateConfig({ models: [] }); // → [{ path: 'models', message: 'must be a non-empty array of models' }]
 */
export function validateConfig(config: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  if (!isRecord(config)) return [{ path: '(config)', message: 'must be an object' }];
  for (const k of Object.keys(config)) {
    if (
      ![
        'models',
        'nudges',
        'allowedOrigins',
        'retention',
        'requireVerifiedIdentity',
        'segments',
        'accounts',
        '$schema',
      ].includes(k)
    )
      report(k === '' ? '""' : k, 'is not a known field');
  }
  if (config.requireVerifiedIdentity !== undefined && typeof config.requireVerifiedIdentity !== 'boolean') {
    report('requireVerifiedIdentity', 'must be true or false');
  }
  const models = Array.isArray(config.models) ? config.models : [];
  if (!Array.isArray(config.models) || models.length === 0) report('models', 'must be a non-empty array of models');
  models.forEach((m, i) => issues.push(...validateModel(m, `models[${i}]`)));
  const seen = new Set<unknown>();
  models.forEach((m, i) => {
    if (isRecord(m) && isStr(m.id)) {
      if (seen.has(m.id)) report(`models[${i}].id`, `duplicates "${m.id}"`);
      seen.add(m.id);
    }
  });
  const milestoneIds = collectIds(models, 'milestones');
  const bandIds = collectIds(models, 'bands');
  const modelIds = new Set(
    models
      .filter(isRecord)
      .map((m) => m.id)
      .filter(isStr),
  );
  issues.push(...segmentIssues(config, { bands: bandIds, milestones: milestoneIds, models: modelIds }));
  issues.push(...accountIssues(config));
  const segmentIds = new Set(
    (Array.isArray(config.segments) ? config.segments : [])
      .filter(isRecord)
      .map((s) => s.id)
      .filter(isStr),
  );
  if (config.nudges !== undefined) {
    if (!Array.isArray(config.nudges)) report('nudges', 'must be an array');
    else {
      const nudgeIds = new Set<unknown>();
      config.nudges.forEach((n, i) => {
        checkNudge(n, `nudges[${i}]`, report, { milestoneIds, bandIds, segmentIds });
        if (isRecord(n) && isStr(n.id)) {
          if (nudgeIds.has(n.id)) report(`nudges[${i}].id`, `duplicates "${n.id}"`);
          nudgeIds.add(n.id);
        }
      });
    }
  }
  if (
    config.allowedOrigins !== undefined &&
    !(Array.isArray(config.allowedOrigins) && config.allowedOrigins.every(isStr))
  ) {
    report('allowedOrigins', 'must be an array of origins like "https://app.example.com"');
  }
  issues.push(...retentionIssues(config));
  return issues;
}

/**
 * Returns the config typed when valid; throws `ModelValidationError` listing every problem otherwise.
 *
 * @example
 * const config = assertConfig(JSON.parse(readFileSync('pulse.config.json', 'utf8')));
 */
export function assertConfig(config: unknown): PulseConfig {
  const issues = validateConfig(config);
  if (issues.length > 0) throw new ModelValidationError(issues);
  return config as PulseConfig;
}
