import { PulseError } from '../errors.js';

/**
 * What calibration predicts: a `track` event sent in the `withinDays` days after
 * the observation day, or activity (any event) from day `fromDay` to day
 * `toDay − 1` after the user was first seen.
 *
 * @example
 * const o: Outcome = { kind: 'retention', fromDay: 60, toDay: 90 };
 */
export type Outcome =
  { kind: 'event'; event: string; withinDays: number } | { kind: 'retention'; fromDay: number; toDay: number };

/** Default window of an event outcome, in days after the observation day. */
export const DEFAULT_WITHIN_DAYS = 30;

/**
 * Parses an outcome spec: `event:<name>` (the event within `withinDays` days of
 * the observation day) or `retention:<from>-<to>` (active from day `from` up to,
 * not including, day `to` after first seen). Throws an `invalid` `PulseError` naming the
 * problem, which the CLI prints and the API returns.
 *
 * @example
 * parseOutcome('retention:60-90'); // → { kind: 'retention', fromDay: 60, toDay: 90 }
 */
export function parseOutcome(spec: string, withinDays = DEFAULT_WITHIN_DAYS): Outcome {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? '' : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  if (kind === 'event') {
    if (rest.trim() === '') throw new PulseError('invalid', 'outcome: event:<name> needs an event name');
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 365) {
      throw new PulseError('invalid', 'within: must be a whole number of days from 1 to 365');
    }
    return { kind: 'event', event: rest, withinDays };
  }
  if (kind === 'retention') {
    const m = /^(\d{1,4})-(\d{1,4})$/.exec(rest.trim());
    const fromDay = Number(m?.[1]);
    const toDay = Number(m?.[2]);
    if (m === null || fromDay < 1 || toDay <= fromDay) {
      throw new PulseError(
        'invalid',
        'outcome: retention:<from>-<to> needs whole days with 1 ≤ from < to (e.g. 60-90)',
      );
    }
    return { kind: 'retention', fromDay, toDay };
  }
  throw new PulseError('invalid', `outcome: "${spec}" is neither event:<name> nor retention:<from>-<to>`);
}

/**
 * A one-line description of an outcome, for reports and the dashboard.
 *
 * @example
 * describeOutcome({ kind: 'event', event: 'Subscription Renewed', withinDays: 30 }); // → 'Subscription Renewed within 30 days'
 */
export function describeOutcome(o: Outcome): string {
  return o.kind === 'event'
    ? `${o.event} within ${o.withinDays} days`
    : `active in days ${o.fromDay}–${o.toDay - 1} after first seen`;
}

/**
 * Parses a `YYYY-MM-DD` observation date into its UTC day number.
 *
 * @example
 * parseDay('2026-11-22'); // → 20414
 */
export function parseDay(text: string, field = 'at'): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) throw new PulseError('invalid', `${field}: "${text}" is not a date (YYYY-MM-DD)`);
  return Math.floor(ms / 86_400_000);
}
