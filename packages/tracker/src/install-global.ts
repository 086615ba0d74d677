import { createTracker } from './create-tracker.js';
import { NO_STATE } from './inert-tracker.js';
import { provisionalState } from './provisional-state.js';
import type { TrackerOptions } from './tracker-options.js';
import type { Tracker, TrackerState } from './types.js';

/**
 * The script tag's global `pulse`: `init` plus every `Tracker` method. Calls made
 * before `init` (or before the script loaded, through the snippet's stub) wait
 * and run in order once `init` has created the tracker.
 *
 * @example
 * window.pulse.init({ writeKey: 'pk_live' });
 * window.pulse.track('Project Created');
 */
export interface PulseGlobal extends Tracker {
  /** Creates the tracker (once); `host` defaults to the origin the script was loaded from. */
  init(options: TrackerOptions): Tracker;
  /** Runs `callback` with the tracker once `init` has run (at once if it has). */
  ready(callback: (tracker: Tracker) => void): void;
}

type Method = 'track' | 'identify' | 'page' | 'group' | 'alias' | 'reset' | 'consent' | 'register' | 'use';
const METHODS: Method[] = ['track', 'identify', 'page', 'group', 'alias', 'reset', 'consent', 'register', 'use'];

const isGlobal = (value: unknown): value is PulseGlobal =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as PulseGlobal).init === 'function';

/**
 * Installs the global `pulse` and replays the calls the async snippet queued
 * (an array of `[method, ...args]`). Returns the existing global if one is
 * installed, so the tracker bundle and the widget bundle can share it.
 * `onInit` runs once the tracker exists (the widget bundle uses it), whichever bundle installed the global.
 *
 * @example
 * // entry of a script-tag bundle
 * installGlobal((tracker) => setDefaultTracker(tracker));
 */
export function installGlobal(onInit?: (tracker: Tracker) => void): PulseGlobal {
  const root = globalThis as { pulse?: unknown };
  const existing = root.pulse;
  if (isGlobal(existing)) {
    if (onInit) existing.ready(onInit);
    return existing;
  }
  const script = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
  const origin = script?.src ? new URL(script.src).origin : '';
  let tracker: Tracker | undefined;
  const waiting: ((t: Tracker) => void)[] = [];
  const whenReady = (run: (t: Tracker) => void) => (tracker ? run(tracker) : void waiting.push(run));

  const pulse = {
    init(options: TrackerOptions): Tracker {
      if (!tracker) {
        tracker = createTracker({ host: origin, state: provisionalState, ...options });
        for (const run of waiting.splice(0)) run(tracker);
      }
      return tracker;
    },
    ready: whenReady,
    flush: () => (tracker ? tracker.flush() : Promise.resolve()),
    // Ends the tracker; calls made from now on wait for the next `init`.
    destroy() {
      const ended = tracker;
      tracker = undefined;
      return ended ? ended.destroy() : Promise.resolve();
    },
    state: () => (tracker ? tracker.state() : NO_STATE),
    on: ((type: 'state', listener: (state: TrackerState) => void) => {
      let off: (() => void) | undefined;
      let active = true;
      whenReady((t) => active && (off = t.on(type, listener)));
      return () => {
        active = false;
        off?.();
      };
    }) as Tracker['on'],
  } as unknown as PulseGlobal;
  for (const method of METHODS) {
    pulse[method] = (...args: unknown[]) => whenReady((t) => (t[method] as (...a: unknown[]) => void)(...args));
  }
  root.pulse = pulse;
  if (onInit) whenReady(onInit);
  if (Array.isArray(existing)) {
    for (const [method, ...args] of existing as [string, ...unknown[]][]) {
      const run = (pulse as unknown as Record<string, unknown>)[method];
      if (typeof run === 'function') run(...args);
    }
  }
  return pulse;
}
