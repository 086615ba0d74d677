import { matchName, matchesAll } from './match.js';
import type { ScoringModel, Signal } from './model.js';
import { numericValue, type ScorableEvent } from './rollup.js';
import { scoreFromDays, type ScoreResult, type SignalDay } from './score.js';
import { toMillis, utcDay } from './time.js';

function daysFromEvents(signal: Signal, events: { at: number; event: ScorableEvent }[]): SignalDay[] {
  const byDay = new Map<number, SignalDay>();
  for (const { at, event } of events) {
    if (matchName(event) !== signal.event || !matchesAll(signal.where, event.properties)) continue;
    const day = utcDay(at);
    const d = byDay.get(day) ?? { day, count: 0, sum: 0 };
    d.count += 1;
    if (signal.value !== undefined) d.sum += numericValue(event.properties, signal.value);
    byDay.set(day, d);
  }
  return [...byDay.values()]; // signalCount orders the days itself
}

/**
 * Scores raw events directly, without a rollup: the reference the incremental
 * rollup is tested against, and what `pulse rescore` and calibration use.
 *
 * @example
 * scoreEvents([{ type: 'track', event: 'Project Created', timestamp: '2026-11-20T09:00:00Z' }], model, '2026-11-22T00:00:00Z');
 */
export function scoreEvents(events: ScorableEvent[], model: ScoringModel, now: number | string | Date): ScoreResult {
  const timed = events.map((event) => ({ at: toMillis(event.timestamp), event })).filter((e) => Number.isFinite(e.at));
  // A loop, not Math.max(...spread): a long history would overflow the call stack.
  const lastSeen = timed.reduce<number | null>((max, e) => (max === null || e.at > max ? e.at : max), null);
  return scoreFromDays(model, (s) => daysFromEvents(s, timed), lastSeen, toMillis(now));
}
