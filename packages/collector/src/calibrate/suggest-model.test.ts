import { describe, expect, it } from 'vitest';
import type { LogisticFit } from './logistic-fit.js';
import { suggestBands, weightModel } from './suggest-model.js';
import { syntheticModel } from './synthetic-population.js';

const fit = (perUnit: number[]): LogisticFit => ({
  intercept: 0,
  perUnit,
  standardized: perUnit,
  means: perUnit.map(() => 0),
  sds: perUnit.map(() => 1),
});

describe('weightModel', () => {
  it('scales the per-count coefficients to integer weights, the largest at the current largest (at least 10)', () => {
    const model = syntheticModel([0, 0, 5, 5, 20]);
    const m = weightModel(model, fit([0.8, 0.4, 0.02, -0.32, 0]), [[1, 1, 1, 1, 1]]);
    expect(m.signals.map((s) => s.weight)).toEqual([20, 10, 1, -8, 0]);
    expect(
      weightModel(syntheticModel([1, 1, 1, 1, 1]), fit([0.8, 0.4, 0, 0, 0]), [[1, 1, 0, 0, 0]]).signals[0]?.weight,
    ).toBe(10);
  });

  it('keeps a cap at the same count and sets maxPoints to the 99th percentile of new points', () => {
    const model = syntheticModel([5, 0, 0, 0, 0]);
    model.signals[0]!.cap = 25; // 5 occurrences
    const counts = Array.from({ length: 100 }, (_, i) => [i % 10, 0, 0, 0, 0]);
    const m = weightModel(model, fit([2, 0, 0, 0, 0]), counts);
    expect(m.signals[0]).toMatchObject({ weight: 10, cap: 50 });
    expect(m.scale.maxPoints).toBe(50);
  });

  it('rescales inactivity penalties with maxPoints', () => {
    const model = { ...syntheticModel([10, 0, 0, 0, 0]), inactivity: [{ afterDays: 7, perDay: -4, cap: -30 }] };
    const m = weightModel(model, fit([1, 0, 0, 0, 0]), [[5, 0, 0, 0, 0]]);
    expect(m.scale.maxPoints).toBe(50);
    expect(m.inactivity).toEqual([{ afterDays: 7, perDay: -2, cap: -15 }]);
  });
});

describe('suggestBands', () => {
  const bands = syntheticModel([1, 1, 1, 1, 1]).bands;
  const spread = Array.from({ length: 100 }, (_, i) => i);

  it('keeps the share of users below each band', () => {
    const current = spread.map((s) => (s < 50 ? 10 : s < 80 ? 50 : 90));
    const suggested = suggestBands(bands, current, spread);
    expect(suggested.map((b) => [b.id, b.min])).toEqual([
      ['low', 0],
      ['medium', 50],
      ['high', 80],
    ]);
  });

  it('holds cut points between 10% and 90% when the current model puts everyone in one band', () => {
    const suggested = suggestBands(
      bands,
      spread.map(() => 5),
      spread,
    );
    expect(suggested.map((b) => b.min)).toEqual([0, 90, 91]);
  });
});
