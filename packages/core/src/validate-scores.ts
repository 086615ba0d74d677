import { SCORE_DIRECTIONS } from './model.js';
import { modelsWithPaths } from './models-with-paths.js';
import { LEGACY_SCORE_ID } from './normalize-config.js';
import { isRecord } from './own.js';
import { validateMilestones, validateModel, type ValidationIssue } from './validate-model.js';

type Obj = Record<string, unknown>;

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const SCORE_KEYS = ['id', 'label', 'description', 'direction', 'models', 'milestones', 'actions'];

/**
 * What a nudge trigger may name in one score: its models' bands and milestones
 * (the score's shared milestones included).
 *
 * @example
 * const v: ScoreVocabulary = { bands: new Set(['low', 'high']), milestones: new Set(['first-project']) };
 */
export interface ScoreVocabulary {
  bands: Set<string>;
  milestones: Set<string>;
}

function ids(list: unknown): string[] {
  return Array.isArray(list) ? list.flatMap((x: unknown) => (isRecord(x) && isStr(x.id) ? [x.id] : [])) : [];
}

/**
 * Each score's bands and milestones by score id (`engagement` in the
 * single-score shape), and the default score's id: what nudge triggers are
 * checked against.
 *
 * @example
 * const { byScore, defaultScore } = scoreVocabulary(config);
 */
export function scoreVocabulary(config: Obj): { byScore: Map<string, ScoreVocabulary>; defaultScore: string } {
  const byScore = new Map<string, ScoreVocabulary>();
  const entry = (id: string): ScoreVocabulary => {
    let v = byScore.get(id);
    if (v === undefined) byScore.set(id, (v = { bands: new Set(), milestones: new Set() }));
    return v;
  };
  if (!Array.isArray(config.scores)) entry(LEGACY_SCORE_ID);
  else for (const s of config.scores as unknown[]) if (isRecord(s) && isStr(s.id)) entry(s.id);
  for (const { model, scoreId } of modelsWithPaths(config)) {
    const v = entry(scoreId ?? LEGACY_SCORE_ID);
    for (const b of ids(model.bands)) v.bands.add(b);
    for (const m of ids(model.milestones)) v.milestones.add(m);
  }
  if (Array.isArray(config.scores)) {
    for (const s of config.scores as unknown[]) {
      if (isRecord(s) && isStr(s.id)) for (const m of ids(s.milestones)) entry(s.id).milestones.add(m);
    }
  }
  const first = [...byScore.keys()][0] ?? LEGACY_SCORE_ID;
  return { byScore, defaultScore: isStr(config.defaultScore) ? config.defaultScore : first };
}

function scoreIssues(s: unknown, p: string, seen: Set<string>): ValidationIssue[] {
  if (!isRecord(s)) return [{ path: p, message: 'must be an object with id, label, direction and models' }];
  const issues: ValidationIssue[] = [];
  const report = (path: string, message: string): void => void issues.push({ path, message });
  for (const k of Object.keys(s)) if (!SCORE_KEYS.includes(k)) report(`${p}.${k}`, 'is not a known field');
  if (!isStr(s.id)) report(`${p}.id`, 'must be a non-empty string');
  else if (seen.has(s.id)) report(`${p}.id`, `duplicates "${s.id}"`);
  else seen.add(s.id);
  if (!isStr(s.label)) report(`${p}.label`, 'must be a non-empty string (what the dashboard calls the score)');
  if (s.description !== undefined && typeof s.description !== 'string') report(`${p}.description`, 'must be a string');
  if (!SCORE_DIRECTIONS.includes(s.direction as never)) {
    report(`${p}.direction`, `must be one of ${SCORE_DIRECTIONS.join(', ')}`);
  }
  if (!Array.isArray(s.models) || s.models.length === 0) report(`${p}.models`, 'must be a non-empty array of models');
  else s.models.forEach((m: unknown, i) => issues.push(...validateModel(m, `${p}.models[${i}]`)));
  if (s.milestones !== undefined) issues.push(...validateMilestones(s.milestones, `${p}.milestones`));
  if (s.actions !== undefined && !Array.isArray(s.actions)) report(`${p}.actions`, 'must be an array of nudges');
  return issues;
}

/**
 * The problems of a config's scores in either shape: `models` (single score)
 * or `scores` with `defaultScore`, every model, and model ids unique across
 * the whole config (rollups are keyed by model id). Part of `validateConfig`;
 * nudges and `actions` are checked there.
 *
 * @example
 * scoresIssues({ scores: [{ id: 'churnRisk', label: 'Churn risk', direction: 'up', models: [m] }] });
 * // → [{ path: 'scores[0].direction', message: 'must be one of higher-is-better, higher-is-worse' }]
 */
export function scoresIssues(config: Obj): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (config.scores === undefined) {
    const models = Array.isArray(config.models) ? config.models : [];
    if (models.length === 0) issues.push({ path: 'models', message: 'must be a non-empty array of models' });
    models.forEach((m: unknown, i) => issues.push(...validateModel(m, `models[${i}]`)));
    if (config.defaultScore !== undefined) {
      issues.push({ path: 'defaultScore', message: 'needs scores (a config with models has one score)' });
    }
  } else {
    if (config.models !== undefined) {
      issues.push({ path: 'models', message: 'cannot be used with scores: move the models into a score' });
    }
    if (!Array.isArray(config.scores) || config.scores.length === 0) {
      issues.push({ path: 'scores', message: 'must be a non-empty array of scores' });
    } else {
      const seen = new Set<string>();
      config.scores.forEach((s: unknown, i) => issues.push(...scoreIssues(s, `scores[${i}]`, seen)));
      const d = config.defaultScore;
      if (d !== undefined && !(isStr(d) && seen.has(d))) {
        issues.push({ path: 'defaultScore', message: `must name one of the scores (${[...seen].join(', ')})` });
      }
    }
  }
  const modelIds = new Map<string, string>();
  for (const { model, path } of modelsWithPaths(config)) {
    if (!isStr(model.id)) continue;
    const first = modelIds.get(model.id);
    if (first !== undefined) issues.push({ path: `${path}.id`, message: `duplicates "${model.id}" (${first}.id)` });
    else modelIds.set(model.id, path);
  }
  return issues;
}
