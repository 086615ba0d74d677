/**
 * What a reload or another tab gives the next tracker: a page without live trackers.
 * Tests that play a second page load (or a second tab) in one window call this before
 * creating its tracker, as `createTracker` would otherwise return the live one.
 *
 * @example
 * createTracker({ writeKey, host: HOST }).track('A');
 * newPage();
 * const reloaded = createTracker({ writeKey, host: HOST });
 */
export function newPage(): void {
  delete (globalThis as { [key: symbol]: unknown })[Symbol.for('pulse.trackers')];
}
