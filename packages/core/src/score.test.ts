import { describe, expect, it } from 'vitest';
import type { ScoringModel, Signal } from './model.js';
import { addEvent, createRollup } from './rollup.js';
import { bandOf, inactivityPoints, roundPoints, score, signalCount, signalPoints } from './score.js';
import { utcDay } from './time.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const TODAY = utcDay(NOW);

const model: ScoringModel = {
  id: 'm',
  windowDays: 30,
  signals: [
    { id: 'invites', event: 'Teammate Invited', weight: 5, cap: 25 },
    { id: 'billing', event: 'Payment Failed', weight: -10 },
  ],
  inactivity: [
    { afterDays: 14, points: -10 },
    { afterDays: 7, perDay: -3, cap: -30 },
  ],
  scale: { maxPoints: 150 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'medium', min: 40 },
    { id: 'high', min: 70 },
  ],
};

const signal = (extra: Partial<Signal> = {}): Signal => ({ id: 's', event: 'E', weight: 1, ...extra });
const days = (...list: [ago: number, count: number, sum?: number][]) =>
  list.map(([ago, count, sum = 0]) => ({ day: TODAY - ago, count, sum }));

describe('signalCount', () => {
  it('counts occurrences inside the window only', () => {
    expect(signalCount(signal(), model, days([0, 2], [29, 1], [30, 5], [-1, 7]), TODAY)).toBe(3);
  });

  it('sums values for a value signal', () => {
    expect(signalCount(signal({ value: 'v' }), model, days([0, 2, 7.5], [3, 1, 2.5]), TODAY)).toBe(10);
  });

  it('counts active days with at least minPerPeriod events', () => {
    const d = days([0, 1], [1, 2], [2, 3]);
    expect(signalCount(signal({ count: 'activeDays' }), model, d, TODAY)).toBe(3);
    expect(signalCount(signal({ count: 'activeDays', minPerPeriod: 2 }), model, d, TODAY)).toBe(2);
  });

  it('counts ISO weeks with at least minPerPeriod events', () => {
    // TODAY is a Wednesday: 0–2 days ago is this week, 3–9 the week before.
    const d = days([0, 1], [2, 1], [3, 1], [9, 1]);
    expect(signalCount(signal({ count: 'activeWeeks' }), model, d, TODAY)).toBe(2);
    expect(signalCount(signal({ count: 'activeWeeks', minPerPeriod: 2 }), model, d, TODAY)).toBe(2);
    expect(signalCount(signal({ count: 'activeWeeks', minPerPeriod: 3 }), model, d, TODAY)).toBe(0);
  });

  it('decays each day by 0.5^(age / halfLifeDays)', () => {
    const decaying = { ...model, halfLifeDays: 7 };
    expect(signalCount(signal(), decaying, days([0, 1], [7, 2], [14, 4]), TODAY)).toBe(1 + 1 + 1);
  });

  it('ignores decay when halfLifeDays is null', () => {
    expect(signalCount(signal(), { ...model, halfLifeDays: null }, days([0, 1], [7, 2]), TODAY)).toBe(3);
  });
});

describe('signalPoints', () => {
  it('is weight × n below the cap', () => {
    expect(signalPoints(signal({ weight: 5, cap: 25 }), 4)).toEqual({ points: 20, capped: false });
  });

  it('is the cap above it', () => {
    expect(signalPoints(signal({ weight: 5, cap: 25 }), 7)).toEqual({ points: 25, capped: true });
  });

  it('is not capped when exactly at the cap', () => {
    expect(signalPoints(signal({ weight: 5, cap: 25 }), 5)).toEqual({ points: 25, capped: false });
  });

  it('bounds a negative weight from below', () => {
    expect(signalPoints(signal({ weight: -10, cap: -20 }), 3)).toEqual({ points: -20, capped: true });
    expect(signalPoints(signal({ weight: -10, cap: -20 }), 1)).toEqual({ points: -10, capped: false });
  });

  it('does not call float noise at the cap capping', () => {
    // 0.1 × 200 = 20.000000000000004 in floating point.
    expect(signalPoints(signal({ weight: 0.1, cap: 20 }), 200)).toEqual({ points: 20, capped: false });
  });
});

describe('inactivityPoints', () => {
  it('gives a fixed rule only once afterDays have passed', () => {
    const rule = { afterDays: 14, points: -10 };
    expect([13, 14, 15, 40].map((d) => inactivityPoints(rule, d))).toEqual([0, 0, -10, -10]);
  });

  it('gives perDay for each day past afterDays, bounded by the cap', () => {
    const rule = { afterDays: 7, perDay: -3, cap: -30 };
    expect([7, 8, 10, 17, 25].map((d) => inactivityPoints(rule, d))).toEqual([0, -3, -9, -30, -30]);
  });

  it('is unbounded without a cap', () => {
    expect(inactivityPoints({ afterDays: 0, perDay: -3 }, 20)).toBe(-60);
  });
});

describe('bandOf', () => {
  it('is the last band whose min ≤ score', () => {
    expect([0, 39, 40, 69, 70, 100].map((s) => bandOf(model, s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

describe('roundPoints', () => {
  it('rounds to 1e-6 and never returns -0', () => {
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(roundPoints(1.23456789)).toBe(1.234568);
    expect(Object.is(roundPoints(-1e-9), 0)).toBe(true);
  });
});

describe('score', () => {
  const rollup = () => {
    const r = createRollup(model.id);
    for (let i = 0; i < 7; i++) addEvent(r, { event: 'Teammate Invited', timestamp: NOW - 10 * 86_400_000 }, model);
    return r;
  };

  it('explains every signal: n, points and whether it was capped', () => {
    expect(score(rollup(), model, NOW).contributions).toEqual([
      { signal: 'invites', event: 'Teammate Invited', n: 7, points: 25, capped: true },
      { signal: 'billing', event: 'Payment Failed', n: 0, points: 0, capped: false },
    ]);
  });

  it('itemises inactivity per rule', () => {
    // 10 days inactive: the fixed rule (after 14) gives 0; perDay gives −3 × 3.
    expect(score(rollup(), model, NOW).inactivity).toEqual({
      daysInactive: 10,
      points: -9,
      rules: [
        { rule: 0, points: 0 },
        { rule: 1, points: -9 },
      ],
    });
  });

  it('reports the model, points, score and band', () => {
    // 25 − 9 = 16; round(100 × 16 / 150) = round(10.67) = 11.
    expect(score(rollup(), model, NOW)).toMatchObject({ modelId: 'm', points: 16, score: 11, band: 'low' });
  });

  it('accepts now as epoch ms, ISO string or Date', () => {
    const ms = score(rollup(), model, NOW);
    expect(score(rollup(), model, new Date(NOW).toISOString())).toEqual(ms);
    expect(score(rollup(), model, new Date(NOW))).toEqual(ms);
  });

  it('has no days inactive for a user never seen', () => {
    expect(score(createRollup(model.id), model, NOW).inactivity).toEqual({
      daysInactive: null,
      points: 0,
      rules: [
        { rule: 0, points: 0 },
        { rule: 1, points: 0 },
      ],
    });
  });

  it('ignores signals of another model it was not built for', () => {
    const other: ScoringModel = { ...model, signals: [{ id: 'other', event: 'X', weight: 1 }], inactivity: [] };
    expect(score(rollup(), other, NOW).points).toBe(0);
  });
});
