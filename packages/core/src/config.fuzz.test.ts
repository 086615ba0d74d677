import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PulseConfig } from './model.js';
import { addEvent, createRollup, type Rollup, type ScorableEvent } from './rollup.js';
import { userState } from './user-state.js';
import { normalizeConfig } from './normalize-config.js';
import { validateConfig } from './validate-config.js';

// Whole configs (several models, milestones, appliesTo, nudges) rather than the
// single models of rollup.property.test.ts: whatever passes `validateConfig`
// must give a finite state for any event stream; whatever fails it must be
// reported at the path that is wrong, and the validator itself never throws.

// core has no Node types: the environment is reached through globalThis.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
fc.configureGlobal({ seed: Number(env.PULSE_FUZZ_SEED ?? 20_261_122) });

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const EVENTS = ['A', 'B', 'C', '$page', '__proto__', 'constructor', '<img src=x onerror=alert(1)>'] as const;

const scalar = fc.oneof(
  fc.constantFrom('trial', 'pro', '__proto__', ''),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
);
const filter = fc.oneof(
  fc.record({ property: fc.constantFrom('k', '__proto__'), equals: scalar }),
  fc.record({ property: fc.constant('n'), gte: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
  fc.record({ property: fc.constant('n'), in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
);
const weight = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((w) => w !== 0);

const signal = (i: number) =>
  fc
    .record({
      event: fc.constantFrom(...EVENTS),
      weight,
      count: fc.constantFrom('occurrences', 'activeDays', 'activeWeeks'),
      where: fc.option(fc.array(filter, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      capFactor: fc.option(fc.double({ min: 0.01, max: 10, noNaN: true }), { nil: undefined }),
      useValue: fc.boolean(),
    })
    .map(({ capFactor, useValue, ...s }) => {
      const cap = capFactor === undefined ? 0 : Math.max(-1e6, Math.min(1e6, s.weight * capFactor));
      return {
        id: `s${i}`,
        ...s,
        ...(useValue && s.count === 'occurrences' ? { value: 'n' } : {}),
        ...(cap === 0 ? {} : { cap }),
      };
    });

const model = (id: string, appliesTo: boolean) =>
  fc
    .record({
      windowDays: fc.integer({ min: 1, max: 400 }),
      halfLifeDays: fc.option(fc.double({ min: 0.01, max: 400, noNaN: true }), { nil: null }),
      signalCount: fc.integer({ min: 1, max: 5 }),
      inactivity: fc.array(
        fc.oneof(
          fc.record({
            afterDays: fc.integer({ min: 0, max: 60 }),
            points: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          }),
          fc.record({
            afterDays: fc.integer({ min: 0, max: 60 }),
            perDay: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          }),
        ),
        { maxLength: 2 },
      ),
      maxPoints: fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
      bandMins: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
      milestones: fc.array(fc.constantFrom(...EVENTS), { maxLength: 3 }),
      equals: scalar,
    })
    .chain((m) =>
      fc.tuple(...Array.from({ length: m.signalCount }, (_, i) => signal(i))).map((signals) => ({
        id,
        windowDays: m.windowDays,
        halfLifeDays: m.halfLifeDays,
        signals,
        inactivity: m.inactivity,
        scale: { maxPoints: m.maxPoints },
        bands: [0, ...m.bandMins.sort((a, b) => a - b)].map((min, i) => ({ id: `band${i}`, min })),
        milestones: m.milestones.map((event, i) => ({ id: `ms${i}`, event, title: `Do ${event}` })),
        ...(appliesTo ? { appliesTo: { trait: 'plan', equals: m.equals } } : {}),
      })),
    );

const nudge = (i: number) =>
  fc
    .record({
      placement: fc.constantFrom('banner', 'toast', 'inline', 'tooltip'),
      bands: fc.option(fc.subarray(['band0', 'band1']), { nil: undefined }),
      milestone: fc.option(fc.constant('ms0'), { nil: undefined }),
      minDays: fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: undefined }),
      weights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
      status: fc.constantFrom('running', 'paused', 'concluded', undefined),
      frequency: fc.option(fc.record({ maxImpressions: fc.integer({ min: 1, max: 5 }) }), { nil: undefined }),
    })
    .map((n) => {
      const total = n.weights.reduce((a, b) => a + b, 0);
      const variants = n.weights.map((w, v) => ({
        id: `v${v}`,
        weight: w / total,
        content: v === 0 ? null : { title: '<script>alert(1)</script>', body: '"><img src=x>' },
      }));
      return JSON.parse(
        JSON.stringify({
          id: `n${i}`,
          placement: n.placement,
          ...(n.placement === 'tooltip' ? { anchor: '#invite' } : {}),
          trigger: { bands: n.bands, milestoneIncomplete: n.milestone, minDaysSinceFirstSeen: n.minDays },
          variants,
          goal: { event: 'A', withinDays: 7 },
          frequency: n.frequency,
          status: n.status,
          ...(n.status === 'concluded' ? { winner: 'v0' } : {}),
        }),
      ) as unknown;
    });

/** A config `validateConfig` accepts: a default model with milestone ms0 and band1, a trait model, nudges. */
const validConfig: fc.Arbitrary<PulseConfig> = fc
  .tuple(
    model('main', false).filter((m) => m.milestones.length > 0 && m.bands.length > 1),
    fc.option(model('plan-model', true), { nil: undefined }),
    fc.integer({ min: 0, max: 3 }),
  )
  .chain(([main, other, nudges]) =>
    fc
      .tuple(...Array.from({ length: nudges }, (_, i) => nudge(i)))
      .map((ns) => JSON.parse(JSON.stringify({ models: other ? [other, main] : [main], nudges: ns })) as PulseConfig),
  );

const hostileProp = fc.oneof(
  fc.double(),
  fc.constantFrom(1e308, -1e308, '12', '1e400', null, true, [], {}),
  fc.string({ maxLength: 5 }),
);
const eventStream = fc.array(
  fc.record({
    type: fc.constantFrom('track', 'page', 'screen', 'identify', 'group', 'alias', 'bogus'),
    event: fc.constantFrom(...EVENTS),
    properties: fc.record({ n: hostileProp, k: hostileProp }, { requiredKeys: [] }),
    timestamp: fc.oneof(
      fc.integer({ min: -800 * DAY, max: 3 * DAY }).map((ago) => NOW - ago),
      fc.constantFrom<string | number>(0, -1, Number.MAX_SAFE_INTEGER, 'garbage', '9999-12-31T23:59:59Z', NaN),
    ),
  }),
  { maxLength: 60 },
);

function rollupsOf(config: PulseConfig, events: ScorableEvent[]): Record<string, Rollup> {
  const rollups: Record<string, Rollup> = {};
  for (const m of normalizeConfig(config).models) {
    const r = createRollup(m.id);
    for (const e of events) addEvent(r, e, m);
    rollups[m.id] = r;
  }
  return rollups;
}

describe('valid configs × event streams (property)', () => {
  it('generates configs the validator accepts', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        expect(validateConfig(config)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, never returns NaN: score an integer in [0, 100], a band of the model, ratios in [0, 1]', () => {
    fc.assert(
      fc.property(
        validConfig,
        eventStream,
        fc.record({ plan: scalar }, { requiredKeys: [] }),
        fc.integer({ min: -2 * DAY, max: 900 * DAY }),
        (config, events, traits, later) => {
          const now = NOW + later;
          const state = userState({ config, rollups: rollupsOf(config, events), traits, userKey: 'u1', now });
          expect(Number.isInteger(state.score) && state.score >= 0 && state.score <= 100).toBe(true);
          expect(Number.isFinite(state.points)).toBe(true);
          for (const c of state.contributions) expect(Number.isFinite(c.points) && Number.isFinite(c.n)).toBe(true);
          expect(normalizeConfig(config).models.flatMap((m) => m.bands.map((b) => b.id))).toContain(state.band);
          expect(state.milestones.ratio >= 0 && state.milestones.ratio <= 1).toBe(true);
          expect(state.nudges).toHaveLength(config.nudges?.length ?? 0);
          expect(JSON.parse(JSON.stringify(state))).toEqual(expect.objectContaining({ score: state.score }));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

type Path = (string | number)[];

/** Every path to a value inside `v` (objects and arrays included). */
function pathsOf(v: unknown, at: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [at];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => pathsOf((v as Record<string | number, unknown>)[k], [...at, k]))];
}

/** A validator-style path: `models[0].signals[1].weight`. */
const pathText = (p: Path): string =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? k : `${s}.${k}`), '');

function replaceAt(v: unknown, p: Path, junk: unknown): unknown {
  if (p.length === 0) return junk;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = p as [string | number, ...Path];
  copy[head] = replaceAt(copy[head], rest, junk);
  return copy;
}

const junk = fc.oneof(
  fc.constantFrom<unknown>(null, NaN, Infinity, -Infinity, -1, 0, 1e308, '', '12', [], {}, true, '__proto__'),
  fc.anything({ maxDepth: 2 }),
);

describe('malformed configs (property)', () => {
  it('reports a mangled field at its path (or as a cross-reference), or the config stays safe to score', () => {
    let reported = 0;
    fc.assert(
      fc.property(validConfig, fc.nat(), junk, eventStream, (config, pick, value, events) => {
        const paths = pathsOf(config).filter((p) => p.length > 0);
        const path = paths[pick % paths.length] as Path;
        const mangled = replaceAt(config, path, value);
        let issues: ReturnType<typeof validateConfig> = [];
        expect(() => (issues = validateConfig(mangled))).not.toThrow();
        if (issues.length === 0) {
          // Junk that happens to be valid must score like any valid config.
          const c = mangled as PulseConfig;
          const s = userState({ config: c, rollups: rollupsOf(c, events), userKey: 'u', now: NOW });
          expect(Number.isInteger(s.score)).toBe(true);
          return;
        }
        reported += 1;
        // Reported at the field, inside it, at the object holding it (a missing required
        // field) or at a sibling that depends on it (a cap's sign follows its weight).
        const at = pathText(path);
        const parent = pathText(path.slice(0, -1));
        const related = (p: string) => p.startsWith(parent) || at.startsWith(p);
        // Renaming a band or milestone shows up where a nudge refers to it; a duplicate id at its twin.
        const crossRef = (i: { path: string; message: string }) =>
          i.path.startsWith('nudges[') || /duplicates/.test(i.message) || /greater than the previous/.test(i.message);
        expect(
          issues.some((i) => related(i.path) || crossRef(i)),
          JSON.stringify({ at, issues }),
        ).toBe(true);
        for (const i of issues) expect(i.path.length > 0 && i.message.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(reported).toBeGreaterThan(1000);
  });

  it('answers any JSON-ish junk with issues, never an exception', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true }), (value) => {
        const issues = validateConfig(value);
        expect(issues.length).toBeGreaterThan(0);
        for (const i of issues) expect(typeof i.path === 'string' && i.path.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
