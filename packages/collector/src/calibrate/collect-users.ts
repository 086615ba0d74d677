import {
  addEvent,
  createRollup,
  DAY_MS,
  isRecord,
  selectLifecycleModel,
  utcDay,
  scoreOfModel,
  scoreDefinition,
  type NormalizedConfig,
  type Rollup,
  type ScoringModel,
} from '@pulse/core';
import { scorable } from '../analytics/load-population.js';
import type { Store } from '../store/store.js';
import { mergeTraits } from '../scoring/user-scoring.js';
import type { Outcome } from './outcome.js';

/**
 * What calibration keeps of one identified user: the rollup under the model
 * being calibrated (built from raw events, so it never depends on stored rollups
 * being current), the UTC days with any event, and the days of the outcome event.
 *
 * @example
 * const u: CalibrationUser = { key: 'u:42', rollup, activeDays: [20400, 20403], outcomeDays: [] };
 */
export interface CalibrationUser {
  key: string;
  rollup: Rollup;
  /** Distinct UTC days with an event of any kind, ascending. */
  activeDays: number[];
  /** Distinct UTC days with the outcome event (event outcomes only), ascending. */
  outcomeDays: number[];
}

/**
 * Settings of `collectUsers`.
 *
 * @example
 * const o: CollectOptions = { store, project: 'default', config, model, outcome, day: 20400, pageSize: 50_000 };
 */
export interface CollectOptions {
  store: Store;
  project: string;
  config: NormalizedConfig;
  model: ScoringModel;
  outcome: Outcome;
  /** The observation day (UTC day number): lifecycle rules pick each user's model as of its end. */
  day: number;
  pageSize?: number;
  /** Called after each page with the events read so far (the total is not known in advance). */
  onProgress?: (eventsRead: number) => void;
}

interface Building {
  rollup: Rollup;
  traits: Record<string, unknown>;
  active: Set<number>;
  outcome: Set<number>;
}

const sorted = (days: Set<number>) => [...days].sort((a, b) => a - b);

/**
 * Reads every stored event once, in pages (`Store.listEvents`), and folds each
 * identified user's events into a `CalibrationUser`. Users on another model at
 * the observation day (by `appliesTo` and lifecycle rules) are left out. Anonymous identities are left out too, as in the
 * admin views: their events move to the user key once they identify.
 *
 * @example
 * const users = await collectUsers({ store, project, config, model, outcome, day });
 */
export async function collectUsers(o: CollectOptions): Promise<CalibrationUser[]> {
  const byKey = new Map<string, Building>();
  const outcomeEvent = o.outcome.kind === 'event' ? o.outcome.event : null;
  // Large pages: fewer round trips (and fewer PostgreSQL statements) per million events.
  const pageSize = o.pageSize ?? 50_000;
  let after = 0;
  let read = 0;
  for (;;) {
    const page = await o.store.listEvents(o.project, after, pageSize);
    for (const row of page) {
      if (!row.userKey.startsWith('u:')) continue;
      let user = byKey.get(row.userKey);
      if (user === undefined) {
        user = { rollup: createRollup(o.model.id), traits: {}, active: new Set(), outcome: new Set() };
        byKey.set(row.userKey, user);
      }
      const event = scorable(row);
      addEvent(user.rollup, event, o.model);
      const day = utcDay(row.at);
      user.active.add(day);
      if (outcomeEvent !== null && row.type === 'track' && event.event === outcomeEvent) user.outcome.add(day);
      if (row.type === 'identify') {
        const traits = (JSON.parse(row.body) as { traits?: unknown }).traits;
        if (isRecord(traits)) mergeTraits(user.traits, traits);
      }
    }
    read += page.length;
    o.onProgress?.(read);
    if (page.length < pageSize) break;
    after = (page[page.length - 1] as { id: number }).id;
  }
  const users: CalibrationUser[] = [];
  // Lifecycle rules choose among the models of the calibrated model's own score.
  const models = scoreDefinition(o.config, scoreOfModel(o.config, o.model.id))?.models ?? [o.model];
  const end = (o.day + 1) * DAY_MS - 1;
  for (const [key, u] of byKey) {
    const days = sorted(u.active).filter((d) => d <= o.day);
    const lastSeen = days.length ? (days[days.length - 1] as number) * DAY_MS : null;
    const facts = { traits: u.traits, firstSeen: u.rollup.firstSeen, lastSeen, now: end };
    if (selectLifecycleModel(models, facts)?.id !== o.model.id) continue;
    users.push({ key, rollup: u.rollup, activeDays: sorted(u.active), outcomeDays: sorted(u.outcome) });
  }
  return users.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
