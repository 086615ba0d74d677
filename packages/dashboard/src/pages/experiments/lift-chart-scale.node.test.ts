import { describe, expect, it } from 'vitest';
import { liftRange, ticks, type LiftPoint } from './lift-chart-scale.js';

const point = (lift: number, lo: number, hi: number): LiftPoint => ({ day: '2026-11-01', lift, ci: [lo, hi] });

describe('liftRange', () => {
  it('keeps zero and every estimate in view but clips the first quarter’s wide intervals', () => {
    const points = [point(0.2, -0.6, 0.9), point(0.05, 0.01, 0.09), point(0.06, 0.02, 0.1), point(0.07, 0.03, 0.11)];
    const [lo, hi] = liftRange(points);
    expect(lo).toBeLessThanOrEqual(0);
    expect(lo).toBeGreaterThan(-0.05);
    expect(hi).toBeGreaterThanOrEqual(0.2);
    expect(hi).toBeLessThan(0.9);
  });
});

describe('ticks', () => {
  it('picks round steps of 1, 2 or 5 that cover the range', () => {
    expect(ticks([-0.02, 0.12])).toEqual([0, 0.05, 0.1]);
    expect(ticks([0.013, 0.031])).toEqual([0.015, 0.02, 0.025, 0.03]);
    expect(ticks([-0.1, 0.1])).toEqual([-0.1, -0.05, 0, 0.05, 0.1]);
  });
});
