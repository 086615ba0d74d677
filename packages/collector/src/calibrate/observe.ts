import { DAY_MS, score, type ScoreResult, type ScoringModel } from '@pulse/core';
import type { CalibrationUser } from './collect-users.js';
import type { Outcome } from './outcome.js';

/**
 * One user at the observation day: the model's score then, each signal's count
 * then (bounded by the signal's cap, in counts), and whether the outcome followed.
 *
 * @example
 * const o: Observation = { key: 'u:42', score: 63, counts: [3, 1, 2, 40, 0], outcome: true };
 */
export interface Observation {
  key: string;
  score: number;
  counts: number[];
  outcome: boolean;
}

/** The last element ≤ `day` of an ascending list, or null. */
function lastOnOrBefore(days: number[], day: number): number | null {
  let lo = 0;
  let hi = days.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = days[mid] as number;
    if (d <= day) {
      found = d;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function anyWithin(days: number[], from: number, to: number): boolean {
  const last = lastOnOrBefore(days, to);
  return last !== null && last >= from;
}

/**
 * The user's score at the end of UTC day `day` under `model`: signal days after
 * it fall outside the scorer's window already; only last-seen (for inactivity)
 * has to be taken as of that day.
 *
 * @example
 * scoreOnDay(user, model, 20414).score; // → 63
 */
export function scoreOnDay(user: CalibrationUser, model: ScoringModel, day: number): ScoreResult {
  const last = lastOnOrBefore(user.activeDays, day);
  return score({ ...user.rollup, lastSeen: last === null ? null : last * DAY_MS }, model, day * DAY_MS);
}

/**
 * The count a signal's points are computed from, bounded where its cap bites:
 * beyond `cap / weight` more occurrences add nothing to the score.
 *
 * @example
 * cappedCount({ id: 'i', event: 'Invite', weight: 5, cap: 25 }, 7); // → 5
 */
export function cappedCount(signal: ScoringModel['signals'][number], n: number): number {
  if (signal.cap === undefined || signal.weight === 0) return n;
  return Math.min(n, Math.abs(signal.cap / signal.weight));
}

/**
 * Whether the outcome is known for this user at `day`, given data up to
 * `horizonDay`: the user was seen by then, and the whole outcome window lies
 * after `day` and on or before `horizonDay` (else the user is censored).
 *
 * @example
 * isEligible(user, { kind: 'retention', fromDay: 60, toDay: 90 }, 20400, 20500); // → true
 */
export function isEligible(user: CalibrationUser, outcome: Outcome, day: number, horizonDay: number): boolean {
  const first = user.activeDays[0];
  if (first === undefined || first > day) return false;
  if (outcome.kind === 'event') return day + outcome.withinDays <= horizonDay;
  return first + outcome.fromDay > day && first + outcome.toDay - 1 <= horizonDay;
}

/**
 * Whether the outcome happened (call only for eligible users).
 *
 * @example
 * outcomeOf(user, { kind: 'event', event: 'Subscription Renewed', withinDays: 30 }, 20400); // → false
 */
export function outcomeOf(user: CalibrationUser, outcome: Outcome, day: number): boolean {
  if (outcome.kind === 'event') return anyWithin(user.outcomeDays, day + 1, day + outcome.withinDays);
  const first = user.activeDays[0] as number;
  return anyWithin(user.activeDays, first + outcome.fromDay, first + outcome.toDay - 1);
}

/**
 * Every eligible user's observation at `day`.
 *
 * @example
 * const obs = observe(users, model, outcome, 20400, 20500);
 */
export function observe(
  users: CalibrationUser[],
  model: ScoringModel,
  outcome: Outcome,
  day: number,
  horizonDay: number,
): Observation[] {
  const out: Observation[] = [];
  for (const user of users) {
    if (!isEligible(user, outcome, day, horizonDay)) continue;
    const result = scoreOnDay(user, model, day);
    out.push({
      key: user.key,
      score: result.score,
      counts: model.signals.map((s, i) => cappedCount(s, result.contributions[i]?.n ?? 0)),
      outcome: outcomeOf(user, outcome, day),
    });
  }
  return out;
}
