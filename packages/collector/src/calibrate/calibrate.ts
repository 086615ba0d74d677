import { DAY_MS, hashBucket, validateConfig, type PulseConfig, type ScoringModel } from '@pulse/core';
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
  config: PulseConfig;
  outcome: Outcome;
  day: number;
  horizonDay: number;
  /** The model to calibrate (default: the config's default model, the first without `appliesTo`). */
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
 * The model to calibrate: by id, else the default model.
 *
 * @example
 * pickModel(config, undefined).id; // → 'saas'
 */
export function pickModel(config: PulseConfig, modelId: string | undefined): ScoringModel {
  const model =
    modelId === undefined
      ? (config.models.find((m) => m.appliesTo === undefined) ?? config.models[0])
      : config.models.find((m) => m.id === modelId);
  if (model === undefined) {
    throw new PulseError(
      'invalid',
      `model: no model "${modelId ?? ''}" in the config (${config.models.map((m) => m.id).join(', ')})`,
    );
  }
  return model;
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
  const config: PulseConfig = { ...o.config, models: o.config.models.map((m) => (m.id === model.id ? suggested : m)) };
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
  const model = pickModel(o.config, o.modelId);
  if (o.day > o.horizonDay)
    throw new PulseError('invalid', `at: ${isoDate(o.day)} is after the data horizon ${isoDate(o.horizonDay)}`);
  const warnings: string[] = [];
  const users = await collectUsers({
    store: o.store,
    project: o.project,
    config: o.config,
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
