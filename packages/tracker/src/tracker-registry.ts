import type { Tracker } from './types.js';

/**
 * A symbol in the global registry, so that every copy of the tracker in a page (an npm
 * bundle and the script tag, or two versions of the package) sees the same trackers.
 */
const LIVE = Symbol.for('pulse.trackers');

/**
 * The page's live trackers by collector host and write key. Created on first use: no
 * work at module scope. `createTracker` returns the live tracker for a key rather than
 * start a second one that would record, flush and score everything a second time
 * (a module re-run by hot module replacement, a tracker created in a React effect).
 *
 * @example
 * liveTrackers().get(trackerKey('https://pulse.example.com', 'pk_live'));
 */
export function liveTrackers(): Map<string, Tracker> {
  const root = globalThis as { [LIVE]?: Map<string, Tracker> };
  return (root[LIVE] ??= new Map());
}

/**
 * The registry key of a tracker: its collector host and write key.
 *
 * @example
 * trackerKey('https://pulse.example.com', 'pk_live'); // → 'https://pulse.example.com pk_live'
 */
export const trackerKey = (host: string, writeKey: string): string => `${host} ${writeKey}`;
