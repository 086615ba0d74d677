import { matchName, matchesAll } from './match.js';
import type { ScoringModel } from './model.js';
import { asRecord, getOwn, setOwn } from './own.js';
import { toMillis, utcDay } from './time.js';

/** `[count, value sum]` of one signal on one UTC day. */
export type DayStat = [count: number, sum: number];

/** Per-nudge state derived from the widget's `Nudge …` events. */
export interface NudgeState {
  /** Time of the first `Nudge Eligible` (the experiment exposure). */
  exposedAt: number | null;
  variant: string | null;
  impressions: number;
  lastShownAt: number | null;
  dismissedAt: number | null;
  /** A dismissal with `snoozeHours` hides the nudge only until then. */
  snoozedUntil: number | null;
}

/**
 * Everything the scorer needs about one user under one model, kept incrementally:
 * per signal and UTC day a count and value sum, milestone completion, per-event
 * first/last/count, nudge state, and first/last seen. Plain JSON.
 */
export interface Rollup {
  v: 1;
  modelId: string;
  firstSeen: number | null;
  lastSeen: number | null;
  /** signal id → UTC day number → [count, sum]. */
  signals: Record<string, Record<string, DayStat>>;
  /** milestone id → time first done. */
  milestones: Record<string, number>;
  /** event name → first, last, count (used by nudge triggers and goals). */
  events: Record<string, { first: number; last: number; count: number }>;
  nudges: Record<string, NudgeState>;
}

/** An event as far as scoring cares: a subset of `PulseEvent` with its stored time. */
export interface ScorableEvent {
  type?: string;
  event?: string;
  properties?: Record<string, unknown>;
  /** Epoch ms or ISO-8601 (already skew-corrected by the collector). */
  timestamp: string | number;
}

/**
 * An empty rollup for a model.
 *
 * @example
 * const r = createRollup('saas');
 */
export function createRollup(modelId: string): Rollup {
  return { v: 1, modelId, firstSeen: null, lastSeen: null, signals: {}, milestones: {}, events: {}, nudges: {} };
}

/** Larger values are bad data, and could overflow a day's sum to Infinity (then NaN points). */
const MAX_VALUE = 1e12;

/** The number a `value` signal sums from an event: a JSON number within ±1e12, else 0. */
export function numericValue(properties: Record<string, unknown> | undefined, key: string): number {
  const props = asRecord(properties);
  const v = props && getOwn(props, key);
  return typeof v === 'number' && Math.abs(v) <= MAX_VALUE ? v : 0;
}

/**
 * Folds one event into the rollup, in place, and returns the rollup. Events with
 * an invalid time are ignored. Order does not matter.
 *
 * @example
 * addEvent(createRollup(model.id), { type: 'track', event: 'Project Created', timestamp: Date.now() }, model);
 */
export function addEvent(rollup: Rollup, event: ScorableEvent, model: ScoringModel): Rollup {
  const at = toMillis(event.timestamp);
  const name = matchName(event);
  const props = asRecord(event.properties);
  if (!Number.isFinite(at)) return rollup;
  rollup.firstSeen = Math.min(rollup.firstSeen ?? at, at);
  rollup.lastSeen = Math.max(rollup.lastSeen ?? at, at);
  if (name === undefined) return rollup;
  for (const signal of model.signals) {
    if (signal.event !== name || !matchesAll(signal.where, props)) continue;
    const days = getOwn(rollup.signals, signal.id) ?? setOwn(rollup.signals, signal.id, {});
    // A day key is a whole number, never a prototype's property name.
    const stat = (days[utcDay(at)] ??= [0, 0]);
    stat[0]++;
    if (signal.value !== undefined) stat[1] += numericValue(props, signal.value);
  }
  for (const m of model.milestones ?? []) {
    if (m.event === name && matchesAll(m.where, props)) {
      setOwn(rollup.milestones, m.id, Math.min(getOwn(rollup.milestones, m.id) ?? at, at));
    }
  }
  const seen = getOwn(rollup.events, name) ?? setOwn(rollup.events, name, { first: at, last: at, count: 0 });
  seen.first = Math.min(seen.first, at);
  seen.last = Math.max(seen.last, at);
  seen.count++;
  if (props && NUDGE_EVENTS.includes(name)) addNudgeEvent(rollup, name, props, at);
  return rollup;
}

/** The widget's events that change a nudge's state (`Nudge Clicked` does not). */
const NUDGE_EVENTS = ['Nudge Eligible', 'Nudge Shown', 'Nudge Dismissed'];

function addNudgeEvent(rollup: Rollup, name: string, props: Record<string, unknown>, at: number): void {
  const nudgeId = getOwn(props, 'nudgeId');
  if (typeof nudgeId !== 'string') return;
  const state =
    getOwn(rollup.nudges, nudgeId) ??
    setOwn(rollup.nudges, nudgeId, {
      exposedAt: null,
      variant: null,
      impressions: 0,
      lastShownAt: null,
      dismissedAt: null,
      snoozedUntil: null,
    });
  const hours = getOwn(props, 'snoozeHours');
  const variant = getOwn(props, 'variant');
  if (name === 'Nudge Shown') {
    state.impressions++;
    state.lastShownAt = Math.max(state.lastShownAt ?? at, at);
  } else if (name === 'Nudge Dismissed') {
    if (typeof hours === 'number' && hours > 0) {
      state.snoozedUntil = Math.max(state.snoozedUntil ?? 0, at + hours * 3_600_000);
    } else {
      state.dismissedAt = Math.min(state.dismissedAt ?? at, at);
    }
  } else if (state.exposedAt === null || at < state.exposedAt) {
    state.exposedAt = at;
    state.variant = typeof variant === 'string' ? variant : null;
  }
}

function minOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function mergeNudge(a: NudgeState, b: NudgeState): NudgeState {
  const first = b.exposedAt !== null && (a.exposedAt === null || b.exposedAt < a.exposedAt) ? b : a;
  return {
    exposedAt: first.exposedAt,
    variant: first.variant,
    impressions: a.impressions + b.impressions,
    lastShownAt: maxOrNull(a.lastShownAt, b.lastShownAt),
    dismissedAt: minOrNull(a.dismissedAt, b.dismissedAt),
    snoozedUntil: maxOrNull(a.snoozedUntil, b.snoozedUntil),
  };
}

function mergeInto<T>(target: Record<string, T>, source: Record<string, T>, both: (x: T, y: T) => T): void {
  for (const key of Object.keys(source)) {
    const x = getOwn(target, key);
    const y = getOwn(source, key) as T;
    setOwn(target, key, x === undefined ? structuredClone(y) : both(x, y));
  }
}

/**
 * The rollup of the union of two event sets (e.g. the server's rollup and the
 * tracker's not-yet-acknowledged events). Neither input is changed.
 *
 * @example
 * const all = mergeRollups(acknowledged, pending);
 */
export function mergeRollups(a: Rollup, b: Rollup): Rollup {
  const out = structuredClone(a);
  out.firstSeen = minOrNull(a.firstSeen, b.firstSeen);
  out.lastSeen = maxOrNull(a.lastSeen, b.lastSeen);
  mergeInto(out.signals, b.signals, (x, y) => {
    mergeInto(x, y, (s, t): DayStat => [s[0] + t[0], s[1] + t[1]]);
    return x;
  });
  mergeInto(out.milestones, b.milestones, Math.min);
  mergeInto(out.events, b.events, (x, y) => ({
    first: Math.min(x.first, y.first),
    last: Math.max(x.last, y.last),
    count: x.count + y.count,
  }));
  mergeInto(out.nudges, b.nudges, mergeNudge);
  return out;
}
