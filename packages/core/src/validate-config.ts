import { retentionIssues } from './check-retention.js';
import { EXPERIMENT_STATUSES, PLACEMENTS, type PulseConfig } from './model.js';
import { isSafeHref } from './safe-href.js';
import { ModelValidationError, type ValidationIssue } from './validate-model.js';
import { scoresIssues, scoreVocabulary } from './validate-scores.js';
import { isRecord } from './own.js';
import { accountIssues, segmentIssues } from './validate-segments.js';
import { modelsWithPaths } from './models-with-paths.js';
import type { KnownIds } from './user-filter.js';

type Report = (path: string, message: string) => void;
type Vocabulary = ReturnType<typeof scoreVocabulary> & { segments: Set<string> };

const TOP_LEVEL_KEYS = [
  'models',
  'scores',
  'defaultScore',
  'nudges',
  'allowedOrigins',
  'retention',
  'requireVerifiedIdentity',
  'segments',
  'accounts',
  '$schema',
];

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

function checkTrigger(t: unknown, p: string, report: Report, vocab: Vocabulary): void {
  if (!isRecord(t)) return report(p, 'must be an object');
  for (const k of Object.keys(t)) {
    if (!['bands', 'milestoneIncomplete', 'minDaysSinceFirstSeen', 'event', 'score', 'segment'].includes(k))
      report(`${p}.${k}`, 'is not a known field');
  }
  if (t.segment !== undefined && !(isStr(t.segment) && vocab.segments.has(t.segment)))
    report(`${p}.segment`, 'must name a segment of the config');
  let scoreId = vocab.defaultScore;
  if (t.score !== undefined) {
    if (!isStr(t.score) || !vocab.byScore.has(t.score)) {
      report(`${p}.score`, `must name one of the scores (${[...vocab.byScore.keys()].join(', ')})`);
      return;
    }
    scoreId = t.score;
  }
  const words = vocab.byScore.get(scoreId) ?? { bands: new Set<string>(), milestones: new Set<string>() };
  const of = vocab.byScore.size > 1 || t.score !== undefined ? `of score "${scoreId}"` : 'of any model';
  if (t.bands !== undefined) {
    if (!Array.isArray(t.bands) || !t.bands.every(isStr)) report(`${p}.bands`, 'must be an array of band ids');
    else
      t.bands.forEach((b, i) => {
        if (!words.bands.has(b)) report(`${p}.bands[${i}]`, `is not a band ${of} ("${b}")`);
      });
  }
  if (t.milestoneIncomplete !== undefined) {
    if (!isStr(t.milestoneIncomplete)) report(`${p}.milestoneIncomplete`, 'must be a milestone id');
    else if (!words.milestones.has(t.milestoneIncomplete))
      report(`${p}.milestoneIncomplete`, `is not a milestone ${of} ("${t.milestoneIncomplete}")`);
  }
  if (t.minDaysSinceFirstSeen !== undefined && !(isNum(t.minDaysSinceFirstSeen) && t.minDaysSinceFirstSeen >= 0)) {
    report(`${p}.minDaysSinceFirstSeen`, 'must be a number ≥ 0');
  }
  if (t.event !== undefined && !isStr(t.event)) report(`${p}.event`, 'must be a non-empty string');
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

function checkNudge(n: unknown, p: string, report: Report, vocab: Vocabulary): void {
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
    'restartedAt',
    'description',
    'analysis',
  ];
  for (const k of Object.keys(n)) if (!known.includes(k)) report(`${p}.${k}`, 'is not a known field');
  if (!isStr(n.id)) report(`${p}.id`, 'must be a non-empty string');
  if (n.description !== undefined && typeof n.description !== 'string') report(`${p}.description`, 'must be a string');
  if (!PLACEMENTS.includes(n.placement as never)) report(`${p}.placement`, `must be one of ${PLACEMENTS.join(', ')}`);
  if (n.placement === 'tooltip' && !isStr(n.anchor))
    report(`${p}.anchor`, 'is required for a tooltip (a CSS selector)');
  checkTrigger(n.trigger, `${p}.trigger`, report, vocab);
  const ids = checkVariants(n.variants, `${p}.variants`, report);
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
  if (n.status === 'concluded' && !(isStr(n.winner) && ids.includes(n.winner))) {
    report(`${p}.winner`, 'must name one of the variants when status is "concluded"');
  }
  if (n.restartedAt !== undefined && !(typeof n.restartedAt === 'string' && Number.isFinite(Date.parse(n.restartedAt))))
    report(`${p}.restartedAt`, 'must be an ISO time');
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

function segmentIds(config: Record<string, unknown>): Set<string> {
  const list = Array.isArray(config.segments) ? (config.segments as unknown[]) : [];
  return new Set(list.flatMap((s) => (isRecord(s) && isStr(s.id) ? [s.id] : [])));
}

/** The ids a segment's filter may name: bands, milestones and models of every score. */
function filterVocabulary(config: Record<string, unknown>): KnownIds {
  const bands = new Set<string>();
  const milestones = new Set<string>();
  for (const v of scoreVocabulary(config).byScore.values()) {
    for (const b of v.bands) bands.add(b);
    for (const m of v.milestones) milestones.add(m);
  }
  const models = new Set(modelsWithPaths(config).flatMap(({ model }) => (isStr(model.id) ? [model.id] : [])));
  return { bands, milestones, models };
}

function checkNudges(config: Record<string, unknown>, report: Report): void {
  const vocab = { ...scoreVocabulary(config), segments: segmentIds(config) };
  const nudgeIds = new Set<unknown>();
  const check = (n: unknown, p: string, v: Vocabulary): void => {
    checkNudge(n, p, report, v);
    if (isRecord(n) && isStr(n.id)) {
      if (nudgeIds.has(n.id)) report(`${p}.id`, `duplicates "${n.id}"`);
      nudgeIds.add(n.id);
    }
  };
  if (config.nudges !== undefined) {
    if (!Array.isArray(config.nudges)) report('nudges', 'must be an array');
    else config.nudges.forEach((n, i) => check(n, `nudges[${i}]`, vocab));
  }
  if (!Array.isArray(config.scores)) return;
  config.scores.forEach((s: unknown, i) => {
    if (!isRecord(s) || !Array.isArray(s.actions) || !isStr(s.id)) return;
    const own = { ...vocab, defaultScore: s.id };
    s.actions.forEach((n: unknown, j) => check(n, `scores[${i}].actions[${j}]`, own));
  });
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
    if (!TOP_LEVEL_KEYS.includes(k)) report(k === '' ? '""' : k, 'is not a known field');
  }
  if (config.requireVerifiedIdentity !== undefined && typeof config.requireVerifiedIdentity !== 'boolean') {
    report('requireVerifiedIdentity', 'must be true or false');
  }
  issues.push(...scoresIssues(config));
  issues.push(...segmentIssues(config, filterVocabulary(config)), ...accountIssues(config));
  checkNudges(config, report);
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
