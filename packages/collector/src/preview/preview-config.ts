import {
  addEvent,
  createRollup,
  DAY_MS,
  getOwn,
  isRecord,
  score,
  scoreDefinition,
  selectLifecycleModel,
  setOwn,
  utcDay,
  type NormalizedConfig,
  type Rollup,
  type ScoreResult,
  type ScoringModel,
} from '@pulse/core';
import { scorable } from '../analytics/load-population.js';
import { rocAuc } from '../calibrate/auc.js';
import type { CalibrationUser } from '../calibrate/collect-users.js';
import { isEligible, outcomeOf, scoreOnDay } from '../calibrate/observe.js';
import { describeOutcome, type Outcome } from '../calibrate/outcome.js';
import type { ConfigPreview, PreviewSide } from '../contract/preview.js';
import type { Store } from '../store/store.js';
import { isScoredBody } from '../store/unverified-mark.js';
import { userIdOfKey } from '../store/user-keys.js';
import { modelFor, mergeTraits } from '../scoring/user-scoring.js';

/**
 * Settings of `previewConfig`: the config in force and the draft (both
 * normalized and valid), the score compared, the time scores are taken at, and
 * optionally an outcome whose AUC both should be measured against.
 *
 * @example
 * const o: PreviewOptions = { store, project: 'default', current, draft, scoreId: 'engagement', now: Date.now() };
 */
export interface PreviewOptions {
  store: Store;
  project: string;
  current: NormalizedConfig;
  draft: NormalizedConfig;
  scoreId: string;
  now: number;
  /** The outcome, its observation day and the data horizon (UTC day numbers), as `calibrate` takes them. */
  outcome?: { outcome: Outcome; day: number; horizonDay: number };
  /** How many of the users whose score moves most to return (default 20). */
  top?: number;
  pageSize?: number;
}

/** One identified user's events folded under one side's config. */
interface Side {
  rollups: Record<string, Rollup>;
  traits: Record<string, unknown>;
}

interface Building {
  current: Side;
  draft: Side;
  active: Set<number>;
  outcome: Set<number>;
}

const HISTOGRAM_BINS = 10;

const newSide = (): Side => ({ rollups: {}, traits: {} });

/** Folds one scored event into a side, as the rescore's `applyEvent` does (every model of the config). */
function apply(side: Side, event: ReturnType<typeof scorable>, traits: unknown, models: readonly ScoringModel[]) {
  for (const model of models) {
    let rollup = getOwn(side.rollups, model.id);
    if (rollup === undefined) rollup = setOwn(side.rollups, model.id, createRollup(model.id));
    addEvent(rollup, event, model);
  }
  if (event.type === 'identify' && isRecord(traits)) mergeTraits(side.traits, traits);
}

/** The score's bands over its models, in order of first appearance, with the first label given. */
function bandsOf(config: NormalizedConfig, scoreId: string): { id: string; label?: string }[] {
  const out: { id: string; label?: string }[] = [];
  for (const m of scoreDefinition(config, scoreId)?.models ?? []) {
    for (const b of m.bands) {
      const seen = out.find((x) => x.id === b.id);
      if (seen === undefined) out.push(b.label === undefined ? { id: b.id } : { id: b.id, label: b.label });
      else if (seen.label === undefined && b.label !== undefined) seen.label = b.label;
    }
  }
  return out;
}

/** The user's score on the observation day under the model lifecycle rules pick then (as calibrate does). */
function scoreAtDay(side: Side, user: CalibrationUser, models: readonly ScoringModel[], day: number): number | null {
  let firstSeen: number | null = null;
  for (const r of Object.values(side.rollups)) {
    if (r.firstSeen !== null) firstSeen = firstSeen === null ? r.firstSeen : Math.min(firstSeen, r.firstSeen);
  }
  const days = user.activeDays.filter((d) => d <= day);
  const lastSeen = days.length ? (days[days.length - 1] as number) * DAY_MS : null;
  const facts = { traits: side.traits, firstSeen, lastSeen, now: (day + 1) * DAY_MS - 1 };
  const model = selectLifecycleModel(models, facts);
  if (model === undefined) return null;
  const rollup = getOwn(side.rollups, model.id) ?? createRollup(model.id);
  return scoreOnDay({ ...user, rollup }, model, day).score;
}

const sideOf = (r: ScoreResult): PreviewSide => ({
  modelId: r.modelId,
  score: r.score,
  band: r.band,
  points: r.points,
  contributions: r.contributions,
  inactivityPoints: r.inactivity.points,
});

/**
 * What a draft config would do to one score, computed on the stored events of
 * every identified user and written nowhere: each user's events are read once
 * (in pages, `Store.listEvents`) and folded under the current and the draft
 * config alike, so both sides are what a rescore from raw events would give at
 * `now`. Answers band counts and a score histogram for both, the band
 * transition matrix, the users whose score moves most with each signal's
 * contribution before and after, and, given an outcome, the ROC AUC of both
 * scores at the observation day (as `calibrate` measures it).
 *
 * @example
 * const p = await previewConfig({ store, project, current, draft, scoreId: 'engagement', now: Date.now() });
 * p.transitions.counts; // → [[120, 4, 0], [0, 300, 2], [0, 0, 80]]
 */
export async function previewConfig(o: PreviewOptions): Promise<ConfigPreview> {
  const started = performance.now();
  const byKey = new Map<string, Building>();
  const outcomeEvent = o.outcome?.outcome.kind === 'event' ? o.outcome.outcome.event : null;
  const pageSize = o.pageSize ?? 50_000;
  let after = 0;
  let events = 0;
  for (;;) {
    const page = await o.store.listEvents(o.project, after, pageSize);
    for (const row of page) {
      if (!row.userKey.startsWith('u:')) continue;
      let user = byKey.get(row.userKey);
      if (user === undefined) {
        user = { current: newSide(), draft: newSide(), active: new Set(), outcome: new Set() };
        byKey.set(row.userKey, user);
      }
      const event = scorable(row);
      const traits = row.type === 'identify' ? (JSON.parse(row.body) as { traits?: unknown }).traits : undefined;
      if (isScoredBody(row.body, o.current)) apply(user.current, event, traits, o.current.models);
      if (isScoredBody(row.body, o.draft)) apply(user.draft, event, traits, o.draft.models);
      const day = utcDay(row.at);
      user.active.add(day);
      if (outcomeEvent !== null && row.type === 'track' && event.event === outcomeEvent) user.outcome.add(day);
    }
    events += page.length;
    if (page.length < pageSize) break;
    after = (page[page.length - 1] as { id: number }).id;
  }

  const currentBands = bandsOf(o.current, o.scoreId);
  const draftBands = bandsOf(o.draft, o.scoreId);
  const bandIds = [...currentBands.map((b) => b.id), ...draftBands.map((b) => b.id)].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const counts = new Map(bandIds.map((id) => [id, { current: 0, draft: 0 }]));
  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
    from: i * 10,
    to: i === HISTOGRAM_BINS - 1 ? 100 : i * 10 + 9,
    current: 0,
    draft: 0,
  }));
  const bin = (s: number) => Math.min(HISTOGRAM_BINS - 1, Math.floor(s / 10));
  const matrix = currentBands.map(() => draftBands.map(() => 0));
  const moves: { key: string; delta: number; current: ScoreResult; draft: ScoreResult }[] = [];
  let moved = 0;
  let changedScore = 0;
  for (const [key, user] of byKey) {
    const cur = scoreUnder(user.current, o.current, o.now, o.scoreId);
    const next = scoreUnder(user.draft, o.draft, o.now, o.scoreId);
    (counts.get(cur.band) as { current: number }).current += 1;
    (counts.get(next.band) as { draft: number }).draft += 1;
    (histogram[bin(cur.score)] as { current: number }).current += 1;
    (histogram[bin(next.score)] as { draft: number }).draft += 1;
    const row = matrix[currentBands.findIndex((b) => b.id === cur.band)];
    const col = draftBands.findIndex((b) => b.id === next.band);
    if (row !== undefined && col >= 0) row[col] = (row[col] as number) + 1;
    if (cur.band !== next.band) moved += 1;
    if (cur.score !== next.score) changedScore += 1;
    if (cur.points !== next.points || cur.score !== next.score) {
      moves.push({ key, delta: next.score - cur.score, current: cur, draft: next });
    }
  }
  const top = o.top ?? 20;
  moves.sort(
    (a, b) =>
      Math.abs(b.delta) - Math.abs(a.delta) ||
      Math.abs(b.draft.points - b.current.points) - Math.abs(a.draft.points - a.current.points) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const labelOf = new Map([...draftBands, ...currentBands].reverse().map((b) => [b.id, b.label]));
  return {
    scoreId: o.scoreId,
    at: new Date(o.now).toISOString(),
    users: byKey.size,
    events,
    usersChangingBand: moved,
    usersChangingScore: changedScore,
    bands: bandIds.map((id) => {
      const label = labelOf.get(id);
      return {
        id,
        ...(label === undefined ? {} : { label }),
        ...(counts.get(id) as { current: number; draft: number }),
      };
    }),
    histogram,
    transitions: { from: currentBands.map((b) => b.id), to: draftBands.map((b) => b.id), counts: matrix },
    movers: moves.slice(0, top).map((m) => ({
      userId: userIdOfKey(m.key) ?? m.key,
      delta: m.delta,
      current: sideOf(m.current),
      draft: sideOf(m.draft),
    })),
    auc: o.outcome === undefined ? null : aucOf(o, byKey),
    ms: Math.round(performance.now() - started),
  };
}

function scoreUnder(side: Side, config: NormalizedConfig, now: number, scoreId: string): ScoreResult {
  const model = modelFor(side, config, now, scoreId);
  return score(getOwn(side.rollups, model.id) ?? createRollup(model.id), model, now);
}

function aucOf(o: PreviewOptions, byKey: Map<string, Building>): NonNullable<ConfigPreview['auc']> {
  const { outcome, day, horizonDay } = o.outcome as NonNullable<PreviewOptions['outcome']>;
  const currentModels = scoreDefinition(o.current, o.scoreId)?.models ?? [];
  const draftModels = scoreDefinition(o.draft, o.scoreId)?.models ?? [];
  const cur: number[] = [];
  const next: number[] = [];
  const labels: boolean[] = [];
  for (const [key, b] of byKey) {
    const activeDays = [...b.active].sort((x, y) => x - y);
    const outcomeDays = [...b.outcome].sort((x, y) => x - y);
    const user: CalibrationUser = { key, rollup: createRollup(''), activeDays, outcomeDays };
    if (!isEligible(user, outcome, day, horizonDay)) continue;
    const c = scoreAtDay(b.current, user, currentModels, day);
    const d = scoreAtDay(b.draft, user, draftModels, day);
    if (c === null || d === null) continue;
    cur.push(c);
    next.push(d);
    labels.push(outcomeOf(user, outcome, day));
  }
  const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return {
    outcome,
    outcomeText: describeOutcome(outcome),
    at: iso(day),
    horizon: iso(horizonDay),
    users: labels.length,
    positives: labels.filter(Boolean).length,
    current: rocAuc(cur, labels),
    draft: rocAuc(next, labels),
  };
}
