import {
  DAY_MS,
  hashBucket,
  normalizeConfig,
  scoreDefinition,
  scoreOfModel,
  validateConfig,
  type NormalizedConfig,
  type PulseConfig,
  type ScoringModel,
} from '@pulse/core';
import { PulseError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { ModelHealth, SignalFit } from '../contract/model-health.js';
import { rocAuc } from './auc.js';
import { aucOverTime } from './auc-over-time.js';
import { collectUsers } from './collect-users.js';
import { DEFAULT_FIT, fitLogistic, type Penalty } from './logistic-fit.js';
import { observe, scoreOnDay, type Observation } from './observe.js';
import { describeOutcome, type Outcome } from './outcome.js';
import { bandRates, scoreDeciles } from './score-tables.js';
import { suggestBands, weightModel } from './suggest-model.js';

/**
 * Settings of `calibrate`. `day` is the observation day (UTC day number): scores
 * are taken at its end, outcomes after it, with data up to `horizonDay`.
 *
 * @example
 * const o: CalibrateOptions = { store, project: 'default', config, outcome, day: 20300, horizonDay: 20413 };
 */
export interface CalibrateOptions {
  store: Store;
  project: string;
  /** The config as written (either shape): the suggestion is this config with the suggested model in. */
  config: PulseConfig;
  outcome: Outcome;
  day: number;
  horizonDay: number;
  /** The score whose model to calibrate (default: the default score). */
  scoreId?: string;
  /** The model to calibrate (default: the score's default model, its first without `appliesTo`). */
  modelId?: string;
  penalty?: Penalty;
  strength?: number;
  /** Share of users the fit sees; the rest are held out to compare models (default 0.7). */
  trainShare?: number;
  /** Observation days for the AUC-over-time series (default: 8 weekly points ending at `day`). */
  historyDays?: number[];
  /** Stages: `read` (events read, total unknown), `fit` (steps), `history` (dates). */
  onProgress?: (stage: 'read' | 'fit' | 'history', done: number, total: number | null) => void;
}

/**
 * One signal's place in the fit, strongest first: `coefficient` is the
 * log-odds change per standard deviation of its count (the HTTP contract's shape).
 *
 * @example
 * const s: SignalFit = { id: 'invites', event: 'Teammate Invited', coefficient: 0.84, perCount: 0.31, currentWeight: 5, suggestedWeight: 10 };
 */
export type { SignalFit };

/**
 * What `pulse calibrate` prints and `GET /v1/admin/model-health` returns: the
 * HTTP contract's `ModelHealth`.
 *
 * @example
 * const r = await calibrate(options);
 * r.current.auc.auc; // → 0.71
 */
export type CalibrationReport = ModelHealth;

const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The model to calibrate: by id (within the score, when one is named), else
 * the score's default model (the default score's when none is named).
 *
 * @example
 * pickModel(normalizeConfig(config), undefined, 'churnRisk').id; // → 'churn'
 */
export function pickModel(config: NormalizedConfig, modelId: string | undefined, scoreId?: string): ScoringModel {
  const score = scoreDefinition(config, scoreId);
  if (score === undefined) {
    const ids = config.scores.map((s) => s.id).join(', ');
    throw new PulseError('invalid', `score: no score "${scoreId ?? ''}" in the config (${ids})`);
  }
  const models = modelId !== undefined && scoreId === undefined ? config.models : score.models;
  const model =
    modelId === undefined
      ? (models.find((m) => m.appliesTo === undefined) ?? models[0])
      : models.find((m) => m.id === modelId);
  if (model === undefined) {
    throw new PulseError(
      'invalid',
      `model: no model "${modelId ?? ''}" in the ${scoreId === undefined ? 'config' : `score "${score.id}"`} (${models.map((m) => m.id).join(', ')})`,
    );
  }
  return model;
}

/**
 * The config as written with one model replaced, in whichever shape it has.
 *
 * @example
 * withModel(config, suggested).scores?.[1]?.models[0]; // → suggested
 */
export function withModel(config: PulseConfig, model: ScoringModel): PulseConfig {
  const swap = (models: ScoringModel[]) => models.map((m) => (m.id === model.id ? model : m));
  if (config.scores !== undefined)
    return { ...config, scores: config.scores.map((s) => ({ ...s, models: swap(s.models) })) };
  return { ...config, models: swap(config.models ?? []) };
}

const isTraining = (key: string, share: number) => hashBucket('calibrate:', key) < share;

/** More users barely move a fit of a few coefficients, but cost time in full-batch steps. */
const MAX_FIT_USERS = 20_000;

/** At most `MAX_FIT_USERS` training users, drawn by a hash of their key (deterministic). */
function fitSample(train: Observation[]): Observation[] {
  if (train.length <= MAX_FIT_USERS) return train;
  const share = MAX_FIT_USERS / train.length;
  return train.filter((r) => hashBucket('calibrate-fit:', r.key) < share);
}

async function suggest(
  o: CalibrateOptions,
  model: ScoringModel,
  users: Parameters<typeof observe>[0],
  observations: Observation[],
  warnings: string[],
): Promise<{ suggestion: CalibrationReport['suggestion']; signals: SignalFit[] }> {
  const share = o.trainShare ?? 0.7;
  const train = observations.filter((r) => isTraining(r.key, share));
  const test = observations.filter((r) => !isTraining(r.key, share));
  const trainPositives = train.filter((r) => r.outcome).length;
  if (trainPositives === 0 || trainPositives === train.length || test.length === 0) {
    warnings.push('no suggestion: the training split needs users with and without the outcome, and a held-out split');
    return { suggestion: null, signals: [] };
  }
  const penalty = o.penalty ?? DEFAULT_FIT.penalty;
  const strength = o.strength ?? DEFAULT_FIT.strength;
  const fitRows = fitSample(train);
  const fit = await fitLogistic(
    fitRows.map((r) => r.counts),
    fitRows.map((r) => r.outcome),
    { ...DEFAULT_FIT, penalty, strength, onStep: (done, total) => o.onProgress?.('fit', done, total) },
  );
  const weighted = weightModel(
    model,
    fit,
    train.map((r) => r.counts),
  );
  const byKey = new Map(users.map((u) => [u.key, u]));
  const scoreUnder = (m: ScoringModel, r: Observation) =>
    scoreOnDay(byKey.get(r.key) as (typeof users)[number], m, o.day).score;
  const bands = suggestBands(
    model.bands,
    train.map((r) => r.score),
    train.map((r) => scoreUnder(weighted, r)),
  );
  const suggested: ScoringModel = { ...weighted, bands };
  const config = withModel(o.config, suggested);
  const issues = validateConfig(config);
  if (issues.length > 0) throw new Error(`suggested config is invalid: ${JSON.stringify(issues)}`);
  const testSuggested = test.map((r) => ({ score: scoreUnder(suggested, r), outcome: r.outcome }));
  const signals = model.signals
    .map((s, j) => ({
      id: s.id,
      event: s.event,
      coefficient: fit.standardized[j] ?? 0,
      perCount: fit.perUnit[j] ?? 0,
      currentWeight: s.weight,
      suggestedWeight: suggested.signals[j]?.weight ?? 0,
    }))
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient));
  return {
    signals,
    suggestion: {
      model: suggested,
      config,
      fit: { penalty, strength, trainUsers: fitRows.length },
      heldOut: {
        users: test.length,
        positives: test.filter((r) => r.outcome).length,
        current: rocAuc(
          test.map((r) => r.score),
          test.map((r) => r.outcome),
        ),
        suggested: rocAuc(
          testSuggested.map((r) => r.score),
          testSuggested.map((r) => r.outcome),
        ),
        bands: bandRates(suggested.bands, testSuggested),
      },
    },
  };
}

/**
 * Validates the score against an outcome: how well the current model's score at
 * the observation day predicts it (ROC AUC with a DeLong 95% CI, outcome rate
 * per band, calibration by decile, AUC over time), and a suggested model from a
 * regularised logistic regression of the outcome on the signal counts, compared
 * with the current one on held-out users. Reads every event once, in pages.
 *
 * @example
 * const report = await calibrate({ store, project, config, outcome: parseOutcome('retention:60-90'), day, horizonDay });
 */
export async function calibrate(o: CalibrateOptions): Promise<CalibrationReport> {
  const normalized = normalizeConfig(o.config);
  const model = pickModel(normalized, o.modelId, o.scoreId);
  if (o.day > o.horizonDay)
    throw new PulseError('invalid', `at: ${isoDate(o.day)} is after the data horizon ${isoDate(o.horizonDay)}`);
  const warnings: string[] = [];
  const users = await collectUsers({
    store: o.store,
    project: o.project,
    config: normalized,
    model,
    outcome: o.outcome,
    day: o.day,
    onProgress: (read) => o.onProgress?.('read', read, null),
  });
  const observations = observe(users, model, o.outcome, o.day, o.horizonDay);
  const positives = observations.filter((r) => r.outcome).length;
  if (observations.length === 0)
    warnings.push('no users are eligible: seen by the date, with the whole outcome window observed');
  const { suggestion, signals } = await suggest(o, model, users, observations, warnings);
  const historyDays = o.historyDays ?? Array.from({ length: 8 }, (_, i) => o.day - 7 * (7 - i));
  o.onProgress?.('history', 0, historyDays.length);
  const overTime = await aucOverTime({
    users,
    model,
    outcome: o.outcome,
    days: historyDays,
    horizonDay: o.horizonDay,
    store: o.store,
    project: o.project,
    scoreId: scoreOfModel(normalized, model.id) ?? normalized.defaultScore,
  });
  o.onProgress?.('history', historyDays.length, historyDays.length);
  return {
    modelId: model.id,
    outcome: o.outcome,
    outcomeText: describeOutcome(o.outcome),
    at: isoDate(o.day),
    horizon: isoDate(o.horizonDay),
    users: observations.length,
    positives,
    rate: observations.length === 0 ? null : positives / observations.length,
    current: {
      auc: rocAuc(
        observations.map((r) => r.score),
        observations.map((r) => r.outcome),
      ),
      bands: bandRates(model.bands, observations),
      deciles: scoreDeciles(observations),
    },
    signals,
    suggestion,
    aucOverTime: overTime,
    warnings,
  };
}
