import {
  createRollup,
  DAY_MS,
  isRecord,
  matchesAll,
  matchName,
  numericValue,
  score,
  scoreDefinition,
  selectLifecycleModel,
  utcDay,
  type DayStat,
  type NormalizedConfig,
  type PropertyFilter,
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

/**
 * What scoring needs of one user's events under one side's event filter: for
 * each distinct signal matcher, its per-day count and value sum (a rollup's
 * `signals` entry), first and last event time, and the traits of identify calls.
 */
interface Side {
  stats: (Record<string, DayStat> | undefined)[];
  firstSeen: number | null;
  lastSeen: number | null;
  traits: Record<string, unknown>;
}

interface Building {
  /** One per distinct event filter: both sides share one unless `requireVerifiedIdentity` differs. */
  sides: Side[];
  active: Set<number>;
  outcome: Set<number>;
}

const HISTOGRAM_BINS = 10;

interface Matcher {
  index: number;
  where: PropertyFilter[] | undefined;
  value: string | undefined;
}

/**
 * The signals of every model of the previewed score on both sides, as distinct
 * matchers: signals that match the same events (same event, filters and summed
 * property) share one, so a draft that changes weights, caps, bands, windows or
 * half-lives folds each event once. A matcher's stats are what core's `addEvent`
 * records for a signal (the score reads nothing else of a rollup but last seen).
 */
class Matchers {
  readonly byName = new Map<string, Matcher[]>();
  private readonly keys = new Map<string, number>();
  /** Per model id (unique across a config): each signal's matcher index. */
  readonly ofModel = new Map<string, number[]>();
  add(models: readonly ScoringModel[], side: string) {
    for (const m of models) {
      const indices = m.signals.map((s) => {
        const key = JSON.stringify([s.event, s.where ?? null, s.value ?? null]);
        let index = this.keys.get(key);
        if (index === undefined) {
          index = this.keys.size;
          this.keys.set(key, index);
          const list = this.byName.get(s.event) ?? [];
          list.push({ index, where: s.where, value: s.value });
          this.byName.set(s.event, list);
        }
        return index;
      });
      this.ofModel.set(`${side}:${m.id}`, indices);
    }
  }
  get size() {
    return this.keys.size;
  }
}

const newSide = (): Side => ({ stats: [], firstSeen: null, lastSeen: null, traits: {} });

/** Folds one scored event into a side, as `addEvent` does for every model's signals, and merges identify traits. */
function apply(side: Side, event: ReturnType<typeof scorable>, traits: unknown, matchers: Matchers) {
  const at = event.timestamp as number;
  side.firstSeen = side.firstSeen === null ? at : Math.min(side.firstSeen, at);
  side.lastSeen = side.lastSeen === null ? at : Math.max(side.lastSeen, at);
  const name = matchName(event);
  if (name !== undefined) {
    const list = matchers.byName.get(name);
    if (list !== undefined) {
      const day = utcDay(at);
      for (const m of list) {
        if (!matchesAll(m.where, event.properties)) continue;
        const days = (side.stats[m.index] ??= {});
        const stat = (days[day] ??= [0, 0]);
        stat[0]++;
        if (m.value !== undefined) stat[1] += numericValue(event.properties, m.value);
      }
    }
  }
  if (event.type === 'identify' && isRecord(traits)) mergeTraits(side.traits, traits);
}

/** The side as the rescore's user record looks to `modelFor`: traits and every rollup's first and last seen. */
const asUser = (side: Side) => ({
  traits: side.traits,
  rollups: (side.firstSeen === null ? {} : { all: { firstSeen: side.firstSeen, lastSeen: side.lastSeen } }) as Record<
    string,
    Rollup
  >,
});

/** The rollup of one model from a side's matcher stats: what `addEvent` would have built for its signals. */
function rollupOf(side: Side, model: ScoringModel, indices: readonly number[]): Rollup {
  const rollup = createRollup(model.id);
  rollup.firstSeen = side.firstSeen;
  rollup.lastSeen = side.lastSeen;
  model.signals.forEach((s, i) => {
    const days = side.stats[indices[i] as number];
    if (days !== undefined) rollup.signals[s.id] = days;
  });
  return rollup;
}

/**
 * The score's bands over its models, in order of first appearance; a band's
 * label only when every model that has the band gives it the same one (models
 * may word a band differently, as a trial's "getting started" and an active
 * user's "quiet lately" for `low`).
 */
function bandsOf(config: NormalizedConfig, scoreId: string): { id: string; label?: string }[] {
  const labels = new Map<string, Set<string | undefined>>();
  for (const m of scoreDefinition(config, scoreId)?.models ?? []) {
    for (const b of m.bands) labels.set(b.id, (labels.get(b.id) ?? new Set()).add(b.label));
  }
  return [...labels].map(([id, set]) => {
    const [label] = [...set];
    return set.size === 1 && label !== undefined ? { id, label } : { id };
  });
}

/** The user's score on the observation day under the model lifecycle rules pick then (as calibrate does). */
function scoreAtDay(
  side: Side,
  user: CalibrationUser,
  models: readonly ScoringModel[],
  rollupFor: (m: ScoringModel) => Rollup,
  day: number,
): number | null {
  const days = user.activeDays.filter((d) => d <= day);
  const lastSeen = days.length ? (days[days.length - 1] as number) * DAY_MS : null;
  const facts = { traits: side.traits, firstSeen: side.firstSeen, lastSeen, now: (day + 1) * DAY_MS - 1 };
  const model = selectLifecycleModel(models, facts);
  if (model === undefined) return null;
  return scoreOnDay({ ...user, rollup: rollupFor(model) }, model, day).score;
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
  const currentModels = scoreDefinition(o.current, o.scoreId)?.models ?? [];
  const draftModels = scoreDefinition(o.draft, o.scoreId)?.models ?? [];
  // One fold when both sides score the same events (the usual case), two when requireVerifiedIdentity differs.
  const shared = (o.current.requireVerifiedIdentity === true) === (o.draft.requireVerifiedIdentity === true);
  const matchers = new Matchers();
  matchers.add(currentModels, 'current');
  matchers.add(draftModels, 'draft');
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
        user = { sides: shared ? [newSide()] : [newSide(), newSide()], active: new Set(), outcome: new Set() };
        byKey.set(row.userKey, user);
      }
      const event = scorable(row);
      const traits = row.type === 'identify' ? (JSON.parse(row.body) as { traits?: unknown }).traits : undefined;
      if (shared) {
        if (isScoredBody(row.body, o.current)) apply(user.sides[0] as Side, event, traits, matchers);
      } else {
        if (isScoredBody(row.body, o.current)) apply(user.sides[0] as Side, event, traits, matchers);
        if (isScoredBody(row.body, o.draft)) apply(user.sides[1] as Side, event, traits, matchers);
      }
      // Active and outcome days serve the AUC only.
      if (o.outcome !== undefined) {
        const day = utcDay(row.at);
        user.active.add(day);
        if (outcomeEvent !== null && row.type === 'track' && event.event === outcomeEvent) user.outcome.add(day);
      }
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
    const cur = scoreUnder(user.sides[0] as Side, o.current, o.now, o.scoreId, matchers, 'current');
    const next = scoreUnder(user.sides.at(-1) as Side, o.draft, o.now, o.scoreId, matchers, 'draft');
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
  // The draft's wording first, else the current one's.
  const labelOf = new Map([...currentBands, ...draftBands].filter((b) => b.label).map((b) => [b.id, b.label]));
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
    auc: o.outcome === undefined ? null : aucOf(o, byKey, matchers),
    ms: Math.round(performance.now() - started),
  };
}

function scoreUnder(
  side: Side,
  config: NormalizedConfig,
  now: number,
  scoreId: string,
  matchers: Matchers,
  name: 'current' | 'draft',
): ScoreResult {
  const model = modelFor(asUser(side), config, now, scoreId);
  return score(rollupOf(side, model, matchers.ofModel.get(`${name}:${model.id}`) ?? []), model, now);
}

function aucOf(o: PreviewOptions, byKey: Map<string, Building>, matchers: Matchers): NonNullable<ConfigPreview['auc']> {
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
    const current = b.sides[0] as Side;
    const draft = b.sides.at(-1) as Side;
    const of = (side: Side, name: string) => (m: ScoringModel) =>
      rollupOf(side, m, matchers.ofModel.get(`${name}:${m.id}`) ?? []);
    const c = scoreAtDay(current, user, currentModels, of(current, 'current'), day);
    const d = scoreAtDay(draft, user, draftModels, of(draft, 'draft'), day);
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
