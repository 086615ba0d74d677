import { DAY_MS, LEGACY_SCORE_ID, type ScoringModel } from '@pulse/core';
import type { AucPoint } from '../contract/model-health.js';
import type { Store } from '../store/store.js';
import { rocAuc } from './auc.js';
import type { CalibrationUser } from './collect-users.js';
import { isEligible, outcomeOf, scoreOnDay } from './observe.js';
import type { Outcome } from './outcome.js';

/**
 * The AUC at one observation date: of the current model recomputed from raw
 * events (`auc`), and of the scores the collector recorded in its daily score
 * history (`recordedAuc`; null where too few users have a recorded score then).
 * The shape is the HTTP contract's.
 *
 * @example
 * const p: AucPoint = { date: '2026-09-01', users: 812, positives: 301, auc: 0.74, ci: [0.71, 0.77], recordedAuc: null, recordedUsers: 0 };
 */
export type { AucPoint };

/**
 * Settings of `aucOverTime`: `days` are the observation days (UTC day numbers).
 *
 * @example
 * const o: AucOverTimeOptions = { users, model, outcome, days: [20300, 20307], horizonDay: 20400, store, project: 'default' };
 */
export interface AucOverTimeOptions {
  users: CalibrationUser[];
  model: ScoringModel;
  outcome: Outcome;
  days: number[];
  horizonDay: number;
  /** With a store, the recorded score history is read too (one query per user). */
  store?: Store;
  project?: string;
  /** The score whose recorded history is read (default `engagement`). */
  scoreId?: string;
}

const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * One AUC point per observation day, each over the users eligible on that day.
 *
 * @example
 * const points = await aucOverTime({ users, model, outcome, days, horizonDay });
 */
export async function aucOverTime(o: AucOverTimeOptions): Promise<AucPoint[]> {
  const rows = o.days.map(() => ({
    scores: [] as number[],
    outcomes: [] as boolean[],
    recorded: [] as number[],
    recordedOutcomes: [] as boolean[],
  }));
  for (const user of o.users) {
    const eligible = o.days.map((day) => isEligible(user, o.outcome, day, o.horizonDay));
    if (!eligible.some(Boolean)) continue;
    const recorded =
      o.store === undefined
        ? null
        : await o.store.scoresOnOrBefore(o.project ?? 'default', user.key, o.scoreId ?? LEGACY_SCORE_ID, o.days);
    o.days.forEach((day, i) => {
      if (!eligible[i]) return;
      const row = rows[i] as (typeof rows)[number];
      const outcome = outcomeOf(user, o.outcome, day);
      row.scores.push(scoreOnDay(user, o.model, day).score);
      row.outcomes.push(outcome);
      const r = recorded?.[i];
      if (r !== undefined && r !== null) {
        row.recorded.push(r);
        row.recordedOutcomes.push(outcome);
      }
    });
  }
  return o.days.map((day, i) => {
    const row = rows[i] as (typeof rows)[number];
    const current = rocAuc(row.scores, row.outcomes);
    const recorded = rocAuc(row.recorded, row.recordedOutcomes);
    return {
      date: isoDate(day),
      users: row.scores.length,
      positives: current.positives,
      auc: current.auc,
      ci: current.ci,
      recordedAuc: row.recorded.length >= 20 ? recorded.auc : null,
      recordedUsers: row.recorded.length,
    };
  });
}
