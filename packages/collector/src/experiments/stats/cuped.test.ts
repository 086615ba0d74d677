import { describe, expect, it } from 'vitest';
import { close, fixtures } from '../../../test/reference/experiment-fixtures.js';
import { mulberry32 } from '../../../test/stats-reference.js';
import { cupedLift } from './cuped.js';
import { addObservation, changeOutcome, emptyMoments, type Moments } from './moments.js';

function arms(y: number[], x: number[][], treated: number[]): { t: Moments; c: Moments } {
  const k = x[0]?.length ?? 0;
  const [t, c] = [emptyMoments(k), emptyMoments(k)];
  y.forEach((yi, i) => addObservation(treated[i] === 1 ? t : c, yi, x[i] as number[]));
  return { t, c };
}

// Reference: θ from statsmodels OLS of the pooled outcome on a constant and both covariates;
// adjusted means and within-arm variances (divisor n) of Y − θ·X with numpy.
describe('cupedLift against statsmodels OLS', () => {
  for (const f of fixtures.cuped) {
    it(`matches on "${f.name}"`, () => {
      const { t, c } = arms(f.y, f.x, f.treated);
      const r = cupedLift(t, c);
      expect(r).not.toBeNull();
      r!.theta.forEach((v, i) => expect(close(v, f.theta[i] as number, 1e-9)).toBe(true));
      expect(r!.lift).toBeCloseTo(f.lift, 11);
      expect(r!.unadjustedLift).toBeCloseTo(f.unadjustedLift, 12);
      expect(close(r!.variance, f.variance, 1e-9)).toBe(true);
      expect(close(r!.unadjustedVariance, f.unadjustedVariance, 1e-12)).toBe(true);
      expect(r!.varianceReduction).toBeCloseTo(f.varianceReduction, 8);
    });
  }
});

describe('cupedLift', () => {
  it('gives the same estimate whether conversions are added at exposure or later', () => {
    const f = fixtures.cuped[0]!;
    const k = 2;
    const [t, c] = [emptyMoments(k), emptyMoments(k)];
    f.y.forEach((_, i) => addObservation(f.treated[i] === 1 ? t : c, 0, f.x[i] as number[]));
    f.y.forEach((yi, i) => {
      if (yi === 1) changeOutcome(f.treated[i] === 1 ? t : c, 0, 1, f.x[i] as number[]);
    });
    expect(cupedLift(t, c)!.lift).toBeCloseTo(f.lift, 11);
  });

  it('drops a covariate that is a multiple of another instead of dividing by zero', () => {
    const random = mulberry32(3);
    const y: number[] = [];
    const single: number[][] = [];
    const doubled: number[][] = [];
    const treated: number[] = [];
    for (let i = 0; i < 400; i++) {
      const x = random() * 10;
      y.push(x + random() * 4);
      single.push([x]);
      doubled.push([x, 2 * x]);
      treated.push(i % 2);
    }
    const one = arms(y, single, treated);
    const two = arms(y, doubled, treated);
    const a = cupedLift(one.t, one.c)!;
    const b = cupedLift(two.t, two.c)!;
    expect(b.lift).toBeCloseTo(a.lift, 10);
    expect(b.variance).toBeCloseTo(a.variance, 10);
    expect(b.theta[1]).toBe(0);
  });

  it('is null when an arm is empty', () => {
    const { t } = arms([1, 0], [[1], [2]], [1, 1]);
    expect(cupedLift(t, emptyMoments(1))).toBeNull();
  });
});
