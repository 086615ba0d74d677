import type { PulseConfig } from '@pulse/core';
import type { TrackerUser } from '@pulse/tracker';

/**
 * What the widget reads from a tracker: `provisional` state is computed in the
 * page from not-yet-acknowledged events, `authoritative` state came from the
 * collector. A user without `nudges` (the tracker's provisional state) gets
 * them decided by the widget from the user's rollup (`userNudges`).
 *
 * @example
 * const s: WidgetTrackerState = { source: 'none', config: null, user: null };
 */
export interface WidgetTrackerState {
  source: 'none' | 'provisional' | 'authoritative';
  config: PulseConfig | null;
  user: TrackerUser | null;
  /** Every score by id (a tracker from before several scores has none: the default score is `user`). */
  scores?: Record<string, TrackerUser>;
}

/**
 * The part of `@pulse/tracker`'s `Tracker` the elements use. Any object with
 * these three methods works, which keeps the elements testable with a fake.
 *
 * @example
 * const t: WidgetTracker = createTracker({ writeKey, host });
 */
export interface WidgetTracker {
  track(event: string, properties?: Record<string, unknown>): unknown;
  state(): WidgetTrackerState;
  on(event: 'state', listener: () => void): () => void;
}

let fallback: WidgetTracker | null = null;
let listeners: Set<() => void> | undefined;

/**
 * True when `value` has the tracker methods the elements call. The async
 * snippet's stub (an array of queued calls) is not a tracker.
 *
 * @example
 * isTracker(globalThis.pulse); // → true once the script tag has loaded
 */
export function isTracker(value: unknown): value is WidgetTracker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const t = value as Record<string, unknown>;
  return ['track', 'state', 'on'].every((k) => typeof t[k] === 'function');
}

/**
 * Sets the tracker every element without its own `.tracker` uses. Elements
 * already on the page switch to it at once.
 *
 * @example
 * setDefaultTracker(createTracker({ writeKey: 'pk_live', host: 'https://pulse.example.com' }));
 */
export function setDefaultTracker(tracker: WidgetTracker | null): void {
  fallback = tracker;
  for (const listener of [...(listeners ?? [])]) listener();
}

/**
 * Calls `listener` whenever `setDefaultTracker` runs; returns the unsubscribe.
 *
 * @example
 * const off = onDefaultTrackerChange(() => reconnect());
 */
export function onDefaultTrackerChange(listener: () => void): () => void {
  (listeners ??= new Set()).add(listener);
  return () => listeners?.delete(listener);
}

/**
 * The tracker an element uses: its own, else the default, else the script
 * tag's global `pulse`.
 *
 * @example
 * const tracker = resolveTracker(element.tracker);
 */
export function resolveTracker(own: WidgetTracker | null | undefined): WidgetTracker | null {
  if (own) return own;
  if (fallback) return fallback;
  const global = (globalThis as { pulse?: unknown }).pulse;
  return isTracker(global) ? global : null;
}
