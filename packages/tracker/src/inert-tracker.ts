import type { Tracker, TrackerState } from './types.js';

/**
 * The state before any config is known.
 *
 * @example
 * tracker.state() === NO_STATE; // until the config arrives
 */
export const NO_STATE: TrackerState = { source: 'none', config: null, user: null, scores: {} };

/**
 * A tracker that does nothing, for server-side rendering and workers: code that
 * tracks during SSR runs without a `window` check and without errors. A destroyed
 * tracker takes on these methods.
 *
 * @example
 * const tracker = typeof window === 'undefined' ? inertTracker() : createTracker(options);
 */
export function inertTracker(): Tracker {
  const nothing = () => undefined;
  return {
    track: nothing,
    identify: nothing,
    page: nothing,
    group: nothing,
    alias: nothing,
    reset: nothing,
    consent: nothing,
    register: nothing,
    use: nothing,
    flush: async () => undefined,
    state: () => NO_STATE,
    on: () => nothing,
    destroy: async () => undefined,
  };
}
