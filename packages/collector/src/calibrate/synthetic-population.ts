import { DAY_MS, type ScoringModel } from '@pulse/core';

/** The five signals of the synthetic population; only `a` and `b` drive retention. */
export const SYNTHETIC_SIGNALS = ['a', 'b', 'c', 'd', 'e'] as const;

/**
 * Settings of `syntheticEvents`: `observationDay` is the day scores are taken;
 * users are first seen in the 20 days up to it.
 *
 * @example
 * const o: SyntheticOptions = { users: 1000, seed: 7, observationDay: 20454, eventsPerUser: 12 };
 */
export interface SyntheticOptions {
  users: number;
  seed: number;
  observationDay: number;
  /** Mean engagement events per user before the observation day (default 12). */
  eventsPerUser?: number;
}

/**
 * A seeded pseudo-random generator (mulberry32: successive draws are
 * uncorrelated, unlike a small-multiplier LCG), so populations are identical on every run.
 *
 * @example
 * const next = seededRandom(7); next(); // → a number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A model over the five synthetic signals with the given weights.
 *
 * @example
 * syntheticModel([0, 0, 5, 5, 5]); // a deliberately bad model: it weights the noise signals
 */
export function syntheticModel(weights: readonly number[]): ScoringModel {
  return {
    id: 'synthetic',
    windowDays: 30,
    signals: SYNTHETIC_SIGNALS.map((id, i) => ({ id, event: `Signal ${id.toUpperCase()}`, weight: weights[i] ?? 0 })),
    scale: { maxPoints: 100 },
    bands: [
      { id: 'low', min: 0 },
      { id: 'medium', min: 40 },
      { id: 'high', min: 70 },
    ],
  };
}

/**
 * Track events of a synthetic population whose retention (activity in days
 * 60–89 after first seen) truly depends on signals `a` and `b` only:
 * `logit P(retained) = −2.2 + 0.9·n_a + 0.6·n_b`, where each signal's count is
 * uniform from 0 to `2·eventsPerUser/5` (independent per user and signal). Retained
 * users come back in their day-60–89 window; everyone also has some noise
 * activity between the observation day and day 60. Calls `emit` per event.
 *
 * @example
 * syntheticEvents({ users: 1000, seed: 7, observationDay: 20454 }, (e) => lines.push(JSON.stringify(e)));
 */
export function syntheticEvents(o: SyntheticOptions, emit: (event: Record<string, unknown>) => void): void {
  const r = seededRandom(o.seed);
  const mean = o.eventsPerUser ?? 12;
  let id = 0;
  const at = (day: number) => new Date(day * DAY_MS + Math.floor(r() * DAY_MS)).toISOString();
  const track = (userId: string, event: string, day: number) => {
    id += 1;
    emit({ type: 'track', userId, event, messageId: `syn-${o.seed}-${id}`, timestamp: at(day) });
  };
  for (let u = 0; u < o.users; u++) {
    const userId = `user-${u}`;
    const first = o.observationDay - Math.floor(r() * 20);
    const span = o.observationDay - first + 1;
    const counts = SYNTHETIC_SIGNALS.map(() => Math.floor((r() * 2 * mean) / SYNTHETIC_SIGNALS.length));
    track(userId, 'Signed Up', first);
    SYNTHETIC_SIGNALS.forEach((s, i) => {
      for (let k = 0; k < (counts[i] as number); k++)
        track(userId, `Signal ${s.toUpperCase()}`, first + Math.floor(r() * span));
    });
    const z = -2.2 + 0.9 * (counts[0] as number) + 0.6 * (counts[1] as number);
    if (r() < 0.5)
      track(userId, 'Page Viewed', o.observationDay + 1 + Math.floor(r() * (first + 59 - o.observationDay)));
    if (r() < 1 / (1 + Math.exp(-z))) track(userId, 'Page Viewed', first + 60 + Math.floor(r() * 30));
  }
}
