import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InactivityRule, PropertyFilter, ScoringModel, Signal } from './model.js';
import { addEvent, createRollup, mergeRollups, type Rollup, type ScorableEvent } from './rollup.js';
import { score } from './score.js';
import { scoreEvents } from './score-events.js';
import { validateConfig } from './validate-config.js';
import { validateModel } from './validate-model.js';

const DAY = 86_400_000;

/** Drops `undefined` members so generated models look like parsed JSON. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const filterArb: fc.Arbitrary<PropertyFilter> = fc.oneof(
  fc.record({ property: fc.constant('k'), equals: fc.constantFrom<string | number | boolean>('x', 'y', 1, true) }),
  fc.record({
    property: fc.constant('k'),
    in: fc.array(fc.constantFrom<string | number | boolean>('x', 'y', 1, true), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ property: fc.constant('n'), gte: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ property: fc.constant('n'), lte: fc.integer({ min: -5, max: 5 }) }),
);

interface Limits {
  weight: fc.Arbitrary<number>;
  points: fc.Arbitrary<number>;
  maxPoints: fc.Arbitrary<number>;
}

/** Realistic magnitudes: what a growth team writes. */
const everyday: Limits = {
  weight: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true })),
  points: fc.double({ min: -30, max: 30, noNaN: true }),
  maxPoints: fc.double({ min: 0.5, max: 500, noNaN: true }),
};

/** Anything the validator lets through. */
const extreme: Limits = {
  weight: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  points: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  maxPoints: fc.oneof(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), fc.constant(Number.MIN_VALUE)),
};

/** `arb` in `percent`% of cases, else undefined. */
const sometimes = <T>(percent: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });

function signalArb(limits: Limits): fc.Arbitrary<Omit<Signal, 'id'>> {
  return fc
    .record({
      event: fc.constantFrom('A', 'A', 'B', 'B', 'C', '$page', '__proto__'),
      weight: limits.weight,
      count: fc.constantFrom('occurrences', 'activeDays', 'activeWeeks') as fc.Arbitrary<Signal['count']>,
      useValue: fc.boolean(),
      minPerPeriod: sometimes(50, fc.integer({ min: 1, max: 4 })),
      where: sometimes(30, fc.array(filterArb, { minLength: 1, maxLength: 2 })),
      capSize: sometimes(30, fc.double({ min: 0.1, max: 60, noNaN: true })),
    })
    .map(({ useValue, minPerPeriod, capSize, ...s }) => ({
      ...s,
      value: s.count === 'occurrences' && useValue ? 'v' : undefined,
      minPerPeriod: s.count === 'occurrences' ? undefined : minPerPeriod,
      cap: capSize === undefined ? undefined : s.weight < 0 ? -capSize : capSize,
    }));
}

function inactivityArb(limits: Limits): fc.Arbitrary<InactivityRule> {
  return fc.oneof(
    fc.record({ afterDays: fc.integer({ min: 0, max: 40 }), points: limits.points }),
    fc
      .record({
        afterDays: fc.integer({ min: 0, max: 40 }),
        perDay: fc.double({ min: -5, max: 5, noNaN: true }),
        capSize: sometimes(50, fc.double({ min: 0.5, max: 50, noNaN: true })),
      })
      .map(({ capSize, ...r }) => ({
        ...r,
        cap: capSize === undefined ? undefined : r.perDay < 0 ? -capSize : capSize,
      })),
  );
}

function modelArb(limits: Limits): fc.Arbitrary<ScoringModel> {
  return fc
    .record({
      windowDays: fc.integer({ min: 1, max: 60 }),
      halfLifeDays: fc.oneof(fc.constant(null), fc.constant(undefined), fc.double({ min: 0.25, max: 60, noNaN: true })),
      signals: fc.array(signalArb(limits), { minLength: 1, maxLength: 6 }),
      inactivity: sometimes(70, fc.array(inactivityArb(limits), { maxLength: 3 })),
      maxPoints: limits.maxPoints,
      bandMins: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 4 }),
    })
    .map(({ signals, maxPoints, bandMins, ...m }) =>
      json({
        id: 'random',
        ...m,
        signals: signals.map((s, i) => ({ id: `s${i}`, ...s })),
        scale: { maxPoints },
        bands: [0, ...bandMins.sort((a, b) => a - b)].map((min, i) => ({ id: `b${i}`, min })),
      }),
    );
}

const valueArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('12', null, true) },
);

interface RawEvent {
  type: string;
  event: string;
  ago: number;
  iso: boolean;
  props: Record<string, unknown> | null;
}

const eventArb: fc.Arbitrary<RawEvent> = fc.record({
  type: fc.constantFrom('track', 'track', 'track', 'track', 'page', 'screen', 'identify'),
  // Few names, so that several signals and events meet on the same days.
  event: fc.constantFrom('A', 'A', 'B', 'B', 'C', 'D', '__proto__'),
  // Mostly the last week, so days and weeks often hold several events; sometimes up to 70 days ago or 3 days ahead.
  ago: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -DAY, max: 8 * DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: -3 * DAY, max: 70 * DAY }) },
  ),
  iso: fc.boolean(),
  props: fc.oneof(
    {
      weight: 9,
      arbitrary: fc.record(
        { k: fc.constantFrom<unknown>('x', 'y', 1, true, '1'), n: fc.integer({ min: -6, max: 6 }), v: valueArb },
        { requiredKeys: ['v'] },
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
});

const nowArb = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') });

function toEvents(raw: RawEvent[], now: number): ScorableEvent[] {
  return raw.map((r) => {
    const at = now - r.ago;
    const e: Record<string, unknown> = { type: r.type, timestamp: r.iso ? new Date(at).toISOString() : at };
    if (r.type === 'track') e.event = r.event;
    if (r.props !== null || r.type === 'track') e.properties = r.props;
    return e as unknown as ScorableEvent;
  });
}

function rollupOf(events: ScorableEvent[], model: ScoringModel): Rollup {
  const rollup = createRollup(model.id);
  for (const e of events) addEvent(rollup, e, model);
  return rollup;
}

/** A permutation of `items` driven by generated keys. */
function shuffle<T>(items: T[], keys: number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || b.i - a.i)
    .map((x) => x.item);
}

/** Splits `items` into consecutive parts at the generated cut points. */
function split<T>(items: T[], cuts: number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let start = 0;
  for (const end of [...at, items.length]) {
    parts.push(items.slice(start, end));
    start = end;
  }
  return parts;
}

const streamArb = fc.record({
  model: modelArb(everyday),
  raw: fc.array(eventArb, { maxLength: 80, size: 'medium' }),
  now: nowArb,
});

describe('rollup ≡ raw events (property)', () => {
  it('generates valid models', () => {
    fc.assert(
      fc.property(fc.oneof(modelArb(everyday), modelArb(extreme)), (model) => {
        expect(validateModel(model)).toEqual([]);
      }),
    );
  });

  it('scores an incrementally built rollup exactly like scoreEvents', () => {
    fc.assert(
      fc.property(streamArb, ({ model, raw, now }) => {
        const events = toEvents(raw, now);
        expect(score(rollupOf(events, model), model, now)).toEqual(scoreEvents(events, model, now));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same score whatever order the events are added in', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { minLength: 1 }), ({ model, raw, now }, keys) => {
        const events = toEvents(raw, now);
        const shuffled = shuffle(events, keys);
        const expected = scoreEvents(events, model, now);
        expect(scoreEvents(shuffled, model, now)).toEqual(expected);
        expect(score(rollupOf(shuffled, model), model, now)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same score for parts merged with mergeRollups, in any grouping', () => {
    fc.assert(
      fc.property(
        streamArb,
        fc.array(fc.nat(), { minLength: 1 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        ({ model, raw, now }, keys, cuts) => {
          const events = toEvents(raw, now);
          const expected = scoreEvents(events, model, now);
          const parts = split(shuffle(events, keys), cuts).map((p) => rollupOf(p, model));
          const snapshot = structuredClone(parts);
          const leftFold = parts.reduce((acc, r) => mergeRollups(acc, r), createRollup(model.id));
          const rightFold = parts.reduceRight((acc, r) => mergeRollups(r, acc), createRollup(model.id));
          expect(score(leftFold, model, now)).toEqual(expected);
          expect(score(rightFold, model, now)).toEqual(expected);
          expect(parts).toEqual(snapshot);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scorer robustness (property)', () => {
  const hostileValue = fc.oneof(valueArb, fc.double(), fc.constantFrom(1e308, -1e308, Number.MAX_VALUE));
  const hostileEventArb = eventArb.chain((e) =>
    hostileValue.map((v) => ({ ...e, props: { ...(e.props ?? {}), v } }) as RawEvent),
  );

  it('never throws or returns NaN for a valid model; the score is an integer in [0, 100]', () => {
    fc.assert(
      fc.property(
        fc.oneof(modelArb(everyday), modelArb(extreme)),
        fc.array(hostileEventArb, { maxLength: 40 }),
        nowArb,
        (model, raw, now) => {
          const events = toEvents(raw, now);
          for (const result of [scoreEvents(events, model, now), score(rollupOf(events, model), model, now)]) {
            expect(Number.isInteger(result.score)).toBe(true);
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(100);
            expect(Number.isFinite(result.points)).toBe(true);
            for (const c of result.contributions) expect(Number.isFinite(c.points) && Number.isFinite(c.n)).toBe(true);
            expect(model.bands.map((b) => b.id)).toContain(result.band);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('validators on arbitrary input (property)', () => {
  const modelKeys = fc.constantFrom(
    'id',
    'windowDays',
    'halfLifeDays',
    'signals',
    'event',
    'weight',
    'count',
    'minPerPeriod',
    'value',
    'where',
    'property',
    'equals',
    'in',
    'gte',
    'lte',
    'cap',
    'inactivity',
    'afterDays',
    'points',
    'perDay',
    'scale',
    'maxPoints',
    'bands',
    'min',
    'milestones',
    'title',
    'appliesTo',
    'trait',
    'models',
    'nudges',
    'variants',
    'content',
    'cta',
    'href',
    'trigger',
    'frequency',
    '__proto__',
    'constructor',
  );
  const hostile = {
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withObjectString: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  };
  const anything = fc.oneof(fc.anything(hostile), fc.anything({ ...hostile, key: modelKeys }), fc.jsonValue());
  const isIssue = (i: unknown) =>
    typeof i === 'object' && i !== null && typeof (i as { path: unknown }).path === 'string';

  it('validateModel never throws and always answers with issues', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const issues = validateModel(value);
        expect(Array.isArray(issues) && issues.every(isIssue)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('validateConfig never throws and always answers with issues', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const issues = validateConfig(value);
        expect(Array.isArray(issues) && issues.every(isIssue)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('validateModel finds a problem in any model with a mangled field', () => {
    fc.assert(
      fc.property(
        modelArb(everyday),
        fc.constantFrom('windowDays', 'signals', 'scale', 'bands', 'id'),
        fc.anything(),
        (model, key, junk) => {
          const broken: Record<string, unknown> = { ...model, [key]: junk };
          fc.pre(JSON.stringify(junk) !== JSON.stringify((model as unknown as Record<string, unknown>)[key]));
          fc.pre(!(key === 'signals' && Array.isArray(junk) && junk.length === 0));
          fc.pre(!(key === 'id' && typeof junk === 'string' && junk.length > 0));
          fc.pre(!(key === 'windowDays' && Number.isInteger(junk) && (junk as number) >= 1));
          expect(validateModel(broken).length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
