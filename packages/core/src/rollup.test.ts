import { describe, expect, it } from 'vitest';
import type { ScoringModel } from './model.js';
import { addEvent, createRollup, mergeRollups, type Rollup, type ScorableEvent } from './rollup.js';
import { score } from './score.js';
import { utcDay } from './time.js';

const model: ScoringModel = {
  id: 'saas',
  windowDays: 30,
  signals: [
    { id: 'projects', event: 'Project Created', weight: 4 },
    { id: 'minutes', event: 'Session Ended', weight: 0.5, value: 'minutes' },
    { id: 'pro', event: 'Plan Upgraded', weight: 10, where: [{ property: 'plan', equals: 'pro' }] },
    { id: 'pages', event: '$page', weight: 1 },
    { id: 'weird', event: '__proto__', weight: 1 },
  ],
  scale: { maxPoints: 100 },
  bands: [{ id: 'all', min: 0 }],
  milestones: [{ id: 'first-project', event: 'Project Created', title: 'Create a project' }],
};

const T1 = Date.parse('2026-11-20T10:00:00Z');
const T2 = Date.parse('2026-11-21T09:00:00Z');
const D1 = String(utcDay(T1));
const D2 = String(utcDay(T2));

const track = (event: string, timestamp: number | string, properties?: Record<string, unknown>): ScorableEvent => ({
  type: 'track',
  event,
  properties,
  timestamp,
});

function rollupOf(events: ScorableEvent[]): Rollup {
  const r = createRollup(model.id);
  for (const e of events) addEvent(r, e, model);
  return r;
}

describe('createRollup', () => {
  it('is empty and plain JSON', () => {
    const r = createRollup('saas');
    expect(r).toEqual({
      v: 1,
      modelId: 'saas',
      firstSeen: null,
      lastSeen: null,
      signals: {},
      milestones: {},
      events: {},
      nudges: {},
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('addEvent', () => {
  it('counts each signal per UTC day', () => {
    const r = rollupOf([
      track('Project Created', T1),
      track('Project Created', T1 + 1000),
      track('Project Created', T2),
    ]);
    expect(r.signals.projects).toEqual({ [D1]: [2, 0], [D2]: [1, 0] });
  });

  it('sums a value signal and counts it too', () => {
    const r = rollupOf([track('Session Ended', T1, { minutes: 12.5 }), track('Session Ended', T1, { minutes: 30 })]);
    expect(r.signals.minutes).toEqual({ [D1]: [2, 42.5] });
  });

  it('adds 0 for a missing or non-numeric value', () => {
    const r = rollupOf([
      track('Session Ended', T1, { minutes: '12' }),
      track('Session Ended', T1),
      track('Session Ended', T1, { minutes: null }),
    ]);
    expect(r.signals.minutes).toEqual({ [D1]: [3, 0] });
  });

  it('ignores values beyond ±1e12 as bad data, so sums stay finite', () => {
    const r = rollupOf([
      track('Session Ended', T1, { minutes: 1e308 }),
      track('Session Ended', T1, { minutes: 1e308 }),
      track('Session Ended', T1, { minutes: -1e12 }),
    ]);
    expect(r.signals.minutes).toEqual({ [D1]: [3, -1e12] });
  });

  it('applies where filters', () => {
    const r = rollupOf([track('Plan Upgraded', T1, { plan: 'pro' }), track('Plan Upgraded', T1, { plan: 'team' })]);
    expect(r.signals.pro).toEqual({ [D1]: [1, 0] });
  });

  it('counts page and screen events for $page signals', () => {
    const r = rollupOf([
      { type: 'page', properties: { path: '/' }, timestamp: T1 },
      { type: 'screen', timestamp: T1 },
    ]);
    expect(r.signals.pages).toEqual({ [D1]: [2, 0] });
    expect(r.events.$page?.count).toBe(2);
  });

  it('tracks first and last seen over every event type', () => {
    const r = rollupOf([
      track('Project Created', T2),
      { type: 'identify', timestamp: T1 + 5 },
      { type: 'alias', timestamp: T2 + 5 },
    ]);
    expect([r.firstSeen, r.lastSeen]).toEqual([T1 + 5, T2 + 5]);
    expect(Object.keys(r.events)).toEqual(['Project Created']);
  });

  it('keeps per-event first, last and count', () => {
    const r = rollupOf([track('Report Exported', T2), track('Report Exported', T1), track('Report Exported', T2 + 9)]);
    expect(r.events['Report Exported']).toEqual({ first: T1, last: T2 + 9, count: 3 });
  });

  it('marks milestones done at their earliest event', () => {
    const r = rollupOf([track('Project Created', T2), track('Project Created', T1)]);
    expect(r.milestones).toEqual({ 'first-project': T1 });
  });

  it('accepts ISO timestamps', () => {
    const r = rollupOf([track('Project Created', '2026-11-20T10:00:00Z')]);
    expect(r.lastSeen).toBe(T1);
  });

  it('ignores events with an invalid time', () => {
    const r = rollupOf([track('Project Created', 'not a time'), track('Project Created', NaN)]);
    expect(r).toEqual(createRollup(model.id));
  });

  it('does not throw on null or non-object properties', () => {
    const odd = [null, 'x', 3, ['a']].map(
      (p) => ({ ...track('Session Ended', T1), properties: p }) as unknown as ScorableEvent,
    );
    const r = rollupOf([...odd, { ...track('Nudge Shown', T1), properties: null } as unknown as ScorableEvent]);
    expect(r.signals.minutes).toEqual({ [D1]: [4, 0] });
    expect(r.nudges).toEqual({});
  });

  it('returns the rollup it changed', () => {
    const r = createRollup(model.id);
    expect(addEvent(r, track('Project Created', T1), model)).toBe(r);
  });
});

describe('addEvent: nudge state', () => {
  const nudge = (name: string, at: number, extra: Record<string, unknown> = {}) =>
    track(name, at, { nudgeId: 'invite', variant: 'social', ...extra });

  it('records the first exposure and its variant', () => {
    const r = rollupOf([
      nudge('Nudge Eligible', T2, { variant: 'late' }),
      nudge('Nudge Eligible', T1, { variant: 'early' }),
    ]);
    expect(r.nudges.invite).toMatchObject({ exposedAt: T1, variant: 'early' });
  });

  it('counts impressions and keeps the last one', () => {
    const r = rollupOf([nudge('Nudge Shown', T2), nudge('Nudge Shown', T1)]);
    expect(r.nudges.invite).toMatchObject({ impressions: 2, lastShownAt: T2 });
  });

  it('records a dismissal, or a snooze when snoozeHours is given', () => {
    expect(rollupOf([nudge('Nudge Dismissed', T1)]).nudges.invite).toMatchObject({
      dismissedAt: T1,
      snoozedUntil: null,
    });
    expect(rollupOf([nudge('Nudge Dismissed', T1, { snoozeHours: 2 })]).nudges.invite).toMatchObject({
      dismissedAt: null,
      snoozedUntil: T1 + 2 * 3_600_000,
    });
  });

  it('ignores nudge events without a string nudgeId, and clicks', () => {
    const r = rollupOf([track('Nudge Shown', T1, { nudgeId: 7 }), nudge('Nudge Clicked', T1)]);
    expect(r.nudges).toEqual({});
  });
});

describe('addEvent: hostile names', () => {
  it('stores an event named __proto__ as an own key without touching any prototype', () => {
    const r = rollupOf([track('__proto__', T1), track('constructor', T1), track('__proto__', T2)]);
    expect(Object.keys(r.events).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(r.events)).toBe(Object.prototype);
    expect(r.events['__proto__' as string]).toEqual({ first: T1, last: T2, count: 2 });
    expect(r.signals.weird).toEqual({ [D1]: [1, 0], [D2]: [1, 0] });
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  it('stores a nudge id of __proto__ as an own key', () => {
    const r = rollupOf([track('Nudge Shown', T1, { nudgeId: '__proto__' })]);
    expect(Object.keys(r.nudges)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).impressions).toBeUndefined();
  });

  it('survives a JSON round trip with __proto__ keys', () => {
    const r = rollupOf([track('__proto__', T1)]);
    const copy = JSON.parse(JSON.stringify(r)) as Rollup;
    expect(Object.keys(copy.events)).toEqual(['__proto__']);
    expect(score(copy, model, T2)).toEqual(score(r, model, T2));
  });
});

describe('mergeRollups', () => {
  const a = () =>
    rollupOf([
      track('Project Created', T1),
      track('Session Ended', T1, { minutes: 10 }),
      track('__proto__', T1),
      track('Nudge Shown', T1, { nudgeId: 'invite' }),
      track('Nudge Eligible', T2, { nudgeId: 'invite', variant: 'b' }),
    ]);
  const b = () =>
    rollupOf([
      track('Project Created', T2),
      track('Project Created', T1),
      track('Session Ended', T1, { minutes: 5 }),
      track('Plan Upgraded', T2, { plan: 'pro' }),
      track('__proto__', T2),
      track('Nudge Shown', T2, { nudgeId: 'invite' }),
      track('Nudge Eligible', T1, { nudgeId: 'invite', variant: 'a' }),
      track('Nudge Dismissed', T2, { nudgeId: 'invite' }),
    ]);

  it('equals the rollup of both event sets', () => {
    const merged = mergeRollups(a(), b());
    expect(merged.signals).toEqual({
      projects: { [D1]: [2, 0], [D2]: [1, 0] },
      minutes: { [D1]: [2, 15] },
      pro: { [D2]: [1, 0] },
      weird: { [D1]: [1, 0], [D2]: [1, 0] },
    });
    expect([merged.firstSeen, merged.lastSeen]).toEqual([T1, T2]);
    expect(merged.milestones).toEqual({ 'first-project': T1 });
    expect(merged.events['Project Created']).toEqual({ first: T1, last: T2, count: 3 });
    expect(merged.nudges.invite).toEqual({
      exposedAt: T1,
      variant: 'a',
      impressions: 2,
      lastShownAt: T2,
      dismissedAt: T2,
      snoozedUntil: null,
    });
  });

  it('is symmetric', () => {
    expect(mergeRollups(b(), a())).toEqual(mergeRollups(a(), b()));
  });

  it('does not change its inputs', () => {
    const left = a();
    const right = b();
    const before = [structuredClone(left), structuredClone(right)];
    mergeRollups(left, right);
    expect([left, right]).toEqual(before);
  });

  it('shares nothing with its inputs', () => {
    const left = a();
    const right = b();
    const merged = mergeRollups(left, right);
    addEvent(merged, track('Project Created', T1), model);
    (merged.signals.pro as Record<string, [number, number]>)[D2]![0] = 99;
    expect(left.signals.projects).toEqual({ [D1]: [1, 0] });
    expect(right.signals.pro).toEqual({ [D2]: [1, 0] });
  });

  it('keeps __proto__ keys as own keys', () => {
    const merged = mergeRollups(a(), b());
    expect(Object.prototype.hasOwnProperty.call(merged.events, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(merged.events)).toBe(Object.prototype);
    expect(merged.events['__proto__' as string]?.count).toBe(2);
  });

  it('merges with an empty rollup to an equal rollup', () => {
    expect(mergeRollups(a(), createRollup(model.id))).toEqual(a());
    expect(mergeRollups(createRollup(model.id), a())).toEqual(a());
  });
});
