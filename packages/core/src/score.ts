import type { InactivityRule, ScoringModel, Signal } from './model.js';
import { getOwn } from './own.js';
import type { DayStat, Rollup } from './rollup.js';
import { isoWeek, toMillis, utcDay } from './time.js';

/**
 * What one signal added to the score.
 *
 * @example
 * const c: Contribution = { signal: 'invites', event: 'Teammate Invited', n: 7, points: 25, capped: true };
 */
export interface Contribution {
  signal: string;
  event: string;
  /** Occurrences, active days/weeks or value sum in the window (decayed when the model decays). */
  n: number;
  points: number;
  capped: boolean;
}

/**
 * A score with its explanation. `points` and every contribution are rounded to
 * 1e-6 so that float noise never depends on the order events were added in.
 *
 * @example
 * const r: ScoreResult = score(rollup, model, Date.now());
 * r.score; // 0–100
 */
export interface ScoreResult {
  modelId: string;
  points: number;
  score: number;
  band: string;
  contributions: Contribution[];
  inactivity: { daysInactive: number | null; points: number; rules: { rule: number; points: number }[] };
}

/**
 * Rounds to 1e-6 (never returning -0): see `ScoreResult`.
 *
 * @example
 * roundPoints(0.1 + 0.2); // → 0.3
 */
export function roundPoints(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0; // + 0 turns -0 into 0 and changes nothing else
}

/** The per-day inputs of one signal: UTC day, count and value sum, in ascending day order. */
export interface SignalDay {
  day: number;
  count: number;
  sum: number;
}

/**
 * A signal's count `n` from its days, as DESIGN defines it; days outside the
 * window `0 ≤ nowDay − day < windowDays` are ignored.
 *
 * @example
 * signalCount(signal, model, [{ day: 20000, count: 2, sum: 0 }], 20001); // → 2
 */
export function signalCount(signal: Signal, model: ScoringModel, days: SignalDay[], nowDay: number): number {
  const min = signal.minPerPeriod ?? 1;
  const mode = signal.count ?? 'occurrences';
  const h = model.halfLifeDays;
  let n = 0;
  // The ISO week being summed (days come in ascending order): its number, its events
  // (-Infinity before the first week, so that no week ends then), and the decay factor
  // of its newest day so far.
  let week = NaN;
  let inWeek = -Infinity;
  let weekFactor = 0;
  const endWeek = () => {
    if (inWeek >= min) n += weekFactor;
  };
  for (const d of [...days].sort((a, b) => a.day - b.day)) {
    const age = nowDay - d.day;
    if (!(age >= 0 && age < model.windowDays)) continue;
    const factor = h == null ? 1 : Math.pow(0.5, age / h);
    if (mode === 'occurrences') {
      // A day's sum is rounded first: its float noise depends on the order events were added in.
      n += (signal.value === undefined ? d.count : roundPoints(d.sum)) * factor;
    } else if (mode === 'activeDays') {
      if (d.count >= min) n += factor;
    } else {
      if (isoWeek(d.day) !== week) {
        endWeek();
        week = isoWeek(d.day);
        inWeek = 0;
      }
      inWeek += d.count;
      weekFactor = factor;
    }
  }
  endWeek();
  return n;
}

/**
 * `weight × n`, bounded by `cap` in the weight's sign.
 *
 * @example
 * signalPoints({ id: 'i', event: 'Invite', weight: 5, cap: 25 }, 7); // → { points: 25, capped: true }
 */
export function signalPoints(signal: Signal, n: number): { points: number; capped: boolean } {
  const raw = roundPoints(signal.weight * n);
  const cap = signal.cap;
  if (cap !== undefined && (signal.weight >= 0 ? raw > cap : raw < cap)) return { points: cap, capped: true };
  return { points: raw, capped: false };
}

/**
 * The points of one inactivity rule after `daysInactive` whole days without events.
 *
 * @example
 * inactivityPoints({ afterDays: 7, perDay: -3, cap: -30 }, 10); // → -9
 */
export function inactivityPoints(rule: InactivityRule, daysInactive: number): number {
  const past = daysInactive - rule.afterDays;
  if (past <= 0) return 0;
  if (rule.perDay !== undefined) {
    const raw = rule.perDay * past;
    const cap = rule.cap;
    return cap !== undefined && (rule.perDay >= 0 ? raw > cap : raw < cap) ? cap : raw;
  }
  return rule.points ?? 0;
}

/**
 * The band of a 0–100 score: the last band whose `min ≤ score`.
 *
 * @example
 * bandOf(model, 72); // → 'high'
 */
export function bandOf(model: ScoringModel, score: number): string {
  let band = model.bands[0]?.id ?? '';
  for (const b of model.bands) if (b.min <= score) band = b.id;
  return band;
}

/**
 * Assembles the result from each signal's days and the last-seen time; shared by
 * `score` (rollup) and `scoreEvents` (raw events), which differ only in how they
 * gather the days.
 */
export function scoreFromDays(
  model: ScoringModel,
  daysOf: (signal: Signal) => SignalDay[],
  lastSeen: number | null,
  now: number,
): ScoreResult {
  const nowDay = utcDay(now);
  const contributions = model.signals.map((signal): Contribution => {
    const n = roundPoints(signalCount(signal, model, daysOf(signal), nowDay));
    const { points, capped } = signalPoints(signal, n);
    return { signal: signal.id, event: signal.event, n, points: roundPoints(points), capped };
  });
  const daysInactive = lastSeen === null ? null : Math.max(0, nowDay - utcDay(lastSeen));
  const rules = (model.inactivity ?? []).map((rule, i) => ({
    rule: i,
    points: daysInactive === null ? 0 : roundPoints(inactivityPoints(rule, daysInactive)),
  }));
  const inactivityTotal = roundPoints(rules.reduce((s, r) => s + r.points, 0));
  const points = roundPoints(contributions.reduce((s, c) => s + c.points, 0) + inactivityTotal);
  // Rounded to 1e-6 first, as points are, so float noise can't turn 43.5 into 43.49999999999999.
  const scaled = Math.round(roundPoints((100 * points) / model.scale.maxPoints));
  const value = Math.min(100, Math.max(0, scaled));
  return {
    modelId: model.id,
    points,
    score: value,
    band: bandOf(model, value),
    contributions,
    inactivity: { daysInactive, points: inactivityTotal, rules },
  };
}

function rollupDays(days: Record<string, DayStat> = {}): SignalDay[] {
  return Object.entries(days).map(([day, stat]) => ({ day: Number(day), count: stat[0], sum: stat[1] }));
}

/**
 * The authoritative score of a user's rollup under a model at time `now` (epoch ms).
 *
 * @example
 * const { score: value, band, contributions } = score(rollup, model, Date.now());
 */
export function score(rollup: Rollup, model: ScoringModel, now: number | string | Date): ScoreResult {
  return scoreFromDays(model, (s) => rollupDays(getOwn(rollup.signals, s.id)), rollup.lastSeen, toMillis(now));
}
