import {
  addEvent,
  createRollup,
  normalizeConfig,
  scoredScores,
  userState,
  type PulseConfig,
  type Rollup,
} from '@pulse/core';
import type { WidgetTracker, WidgetTrackerState } from '../src/tracker-source.js';

/** One recorded `track` call. */
export interface TrackedEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** A tracker that keeps its state with the real @pulse/core, as @pulse/tracker does. */
export interface FakeTracker extends WidgetTracker {
  readonly events: TrackedEvent[];
  /** The properties of every recorded event with this name. */
  named(event: string): Record<string, unknown>[];
  /** Switches the source to `authoritative`, with the same events, and notifies. */
  confirm(): void;
  /** Moves the clock and notifies. */
  advance(ms: number): void;
}

/**
 * A small stand-in for `createTracker`: `track` folds the event into per-model
 * rollups and `state()` is core's `scoredUser` while provisional (no nudge
 * decisions: the widget makes them, as with the real tracker) and `userState`
 * once confirmed, so nudge caps, dismissals and snoozes behave exactly as they
 * will with the real tracker.
 */
export function createFakeTracker(
  config: PulseConfig,
  { userKey = 'user-1', now = Date.parse('2026-11-22T12:00:00Z') } = {},
): FakeTracker {
  const rollups: Record<string, Rollup> = {};
  for (const model of normalizeConfig(config).models) rollups[model.id] = createRollup(model.id);
  const listeners = new Set<() => void>();
  const events: TrackedEvent[] = [];
  let source: WidgetTrackerState['source'] = 'provisional';
  let clock = now;
  let current = compute();

  function compute(): WidgetTrackerState {
    const input = { config, rollups, userKey, now: clock };
    const scores = scoredScores(input);
    const state = userState(input);
    const main = scores[normalizeConfig(config).defaultScore] ?? null;
    // A provisional user has no nudge decisions: the widget makes them (as with the real tracker).
    const user = source === 'provisional' && main ? { ...main, scores: state.scores } : state;
    // The real tracker's state carries the normalised config (every score's models in `models`).
    return { source, config: normalizeConfig(config), user, scores };
  }
  function emit(): void {
    current = compute();
    for (const listener of [...listeners]) listener();
  }
  return {
    events,
    track(event, properties = {}) {
      events.push({ event, properties });
      for (const model of normalizeConfig(config).models) {
        addEvent(rollups[model.id] as Rollup, { type: 'track', event, properties, timestamp: clock }, model);
      }
      emit();
    },
    state: () => current,
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    named: (event) => events.filter((e) => e.event === event).map((e) => e.properties),
    confirm() {
      source = 'authoritative';
      emit();
    },
    advance(ms) {
      clock += ms;
      emit();
    },
  };
}
