import type { Band } from '@pulse/core';
import type { BandOutcome, Decile } from '../contract/model-health.js';

/**
 * The outcome rate of one band: "scores above 70 retain 2–3× better" reads off
 * `lift`, the band's rate over the rate of everyone else (the HTTP contract's `BandOutcome`).
 *
 * @example
 * const r: BandRate = { id: 'high', min: 70, users: 300, outcomes: 210, rate: 0.7, lift: 2.6 };
 */
export type BandRate = BandOutcome;

/**
 * Users, outcomes and rate per band (bands by their `min`, as the scorer assigns them).
 *
 * @example
 * bandRates(model.bands, [{ score: 80, outcome: true }]);
 */
export function bandRates(bands: readonly Band[], rows: readonly { score: number; outcome: boolean }[]): BandRate[] {
  const tallies = bands.map((b) => ({ ...b, users: 0, outcomes: 0 }));
  for (const r of rows) {
    let i = 0;
    for (let k = 0; k < bands.length; k++) if ((bands[k] as Band).min <= r.score) i = k;
    const t = tallies[i];
    if (t === undefined) continue;
    t.users += 1;
    if (r.outcome) t.outcomes += 1;
  }
  const allUsers = tallies.reduce((s, t) => s + t.users, 0);
  const allOutcomes = tallies.reduce((s, t) => s + t.outcomes, 0);
  return tallies.map((t) => {
    const rate = t.users === 0 ? null : t.outcomes / t.users;
    const others = allUsers - t.users;
    const otherRate = others === 0 ? null : (allOutcomes - t.outcomes) / others;
    return {
      id: t.id,
      min: t.min,
      ...(t.label === undefined ? {} : { label: t.label }),
      users: t.users,
      outcomes: t.outcomes,
      rate,
      lift: rate === null || otherRate === null || otherRate === 0 ? null : rate / otherRate,
    };
  });
}

/**
 * One score decile: its score range, mean score and outcome rate. A calibrated
 * score has outcome rates that rise with the mean score. The shape is the HTTP contract's.
 *
 * @example
 * const d: Decile = { decile: 10, minScore: 81, maxScore: 100, users: 200, meanScore: 88.2, rate: 0.74 };
 */
export type { Decile };

/**
 * Users sorted by score and cut into ten equal-count groups (ties may straddle a cut).
 *
 * @example
 * scoreDeciles(rows).map((d) => [d.meanScore, d.rate]);
 */
export function scoreDeciles(rows: readonly { score: number; outcome: boolean }[]): Decile[] {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  const out: Decile[] = [];
  for (let d = 0; d < 10; d++) {
    const slice = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    if (slice.length === 0) continue;
    const total = slice.reduce((s, r) => s + r.score, 0);
    out.push({
      decile: d + 1,
      minScore: (slice[0] as { score: number }).score,
      maxScore: (slice[slice.length - 1] as { score: number }).score,
      users: slice.length,
      meanScore: total / slice.length,
      rate: slice.filter((r) => r.outcome).length / slice.length,
    });
  }
  return out;
}
