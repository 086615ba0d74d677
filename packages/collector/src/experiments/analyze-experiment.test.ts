import { describe, expect, it } from 'vitest';
import type { Nudge } from '@pulse/core';
import { erfc, mulberry32 } from '../../test/stats-reference.js';
import { analyzeExperiment, sampleRatioMismatch, type ExposedUser } from './analyze-experiment.js';

const nudge: Nudge = {
  id: 'invite-nudge',
  placement: 'banner',
  trigger: {},
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'social', weight: 0.5, content: { title: 'Invite a teammate' } },
  ],
  goal: { event: 'Teammate Invited', withinDays: 7 },
};

function arm(variant: string, exposed: number, converted: number): ExposedUser[] {
  return Array.from({ length: exposed }, (_, i) => ({ variant, converted: i < converted }));
}

describe('analyzeExperiment', () => {
  it('counts exposed and converted users per variant with their rates', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 120)]);
    expect(r.variants.map((v) => [v.id, v.exposed, v.converted, v.rate])).toEqual([
      ['control', 1000, 100, 0.1],
      ['social', 1000, 120, 0.12],
    ]);
  });

  it('matches an independent two-proportion z-test and Wald interval', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 120)]);
    const social = r.variants[1];
    // Pooled p = 0.11; se = sqrt(0.11·0.89·(2/1000)); z = 0.02 / se; p = erfc(z/√2).
    const z = 0.02 / Math.sqrt(0.11 * 0.89 * 0.002);
    expect(social?.pValue).toBeCloseTo(erfc(z / Math.SQRT2), 8);
    const se = Math.sqrt((0.12 * 0.88) / 1000 + (0.1 * 0.9) / 1000);
    expect(social?.lift).toBeCloseTo(0.02, 12);
    expect(social?.liftCi?.[0]).toBeCloseTo(0.02 - 1.959963984540054 * se, 8);
    expect(social?.liftCi?.[1]).toBeCloseTo(0.02 + 1.959963984540054 * se, 8);
    expect(social?.relativeLift).toBeCloseTo(0.2, 12);
  });

  it('gives the control no comparison of its own', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 10, 1), ...arm('social', 10, 2)]);
    expect(r.variants[0]).toMatchObject({ control: true, lift: null, liftCi: null, pValue: null });
  });

  it('covers the true lift at about the nominal rate over repeated simulations', () => {
    const random = mulberry32(42);
    const runs = 400;
    let covered = 0;
    for (let run = 0; run < runs; run++) {
      const users: ExposedUser[] = [];
      for (let i = 0; i < 1500; i++) users.push({ variant: 'control', converted: random() < 0.1 });
      for (let i = 0; i < 1500; i++) users.push({ variant: 'social', converted: random() < 0.13 });
      const ci = analyzeExperiment(nudge, users).variants[1]?.liftCi;
      if (ci && ci[0] <= 0.03 && 0.03 <= ci[1]) covered++;
    }
    // 95% nominal; with 400 runs the binomial standard error is about 1.1 points.
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.98);
  });

  it('says which variant is better, with the interval in points, when the data supports it', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 2000, 200), ...arm('social', 2000, 300)]);
    expect(r.verdict.kind).toBe('better');
    expect(r.verdict.variant).toBe('social');
    expect(r.verdict.text).toMatch(/^social is better than control: \+5\.0 pts, 95% CI \[\+\d\.\d, \+\d\.\d\]$/);
  });

  it('reports a worse variant as worse', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 2000, 300), ...arm('social', 2000, 200)]);
    expect(r.verdict.kind).toBe('worse');
  });

  it('gives no verdict on small samples', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 40, 2), ...arm('social', 40, 20)]);
    expect(r.verdict.kind).toBe('not-enough-data');
  });

  it('gives no verdict when the interval includes zero', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 105)]);
    expect(r.verdict.kind).toBe('inconclusive');
  });

  it('flags a deliberately skewed assignment and withholds the verdict', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1100, 110), ...arm('social', 900, 200)]);
    expect(r.srm.flagged).toBe(true);
    expect(r.verdict.kind).toBe('srm');
  });

  it('does not flag a split that matches the weights', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1010, 110), ...arm('social', 990, 200)]);
    expect(r.srm.flagged).toBe(false);
  });

  it('reports the mean score change after exposure per variant', () => {
    const r = analyzeExperiment(nudge, [
      { variant: 'social', converted: true, scoreBefore: 10, scoreAfter: 30 },
      { variant: 'social', converted: false, scoreBefore: 20, scoreAfter: 20 },
      { variant: 'control', converted: false },
    ]);
    expect(r.variants[1]?.meanScoreChange).toBe(10);
    expect(r.variants[0]?.meanScoreChange).toBeNull();
  });
});

describe('sampleRatioMismatch', () => {
  it('matches the closed form for two arms: p = erfc(sqrt(χ²/2))', () => {
    // (1100−1000)²/1000 + (900−1000)²/1000 = 20.
    const r = sampleRatioMismatch([1100, 900], [0.5, 0.5]);
    expect(r.chiSquared).toBeCloseTo(20, 12);
    expect(r.pValue).toBeCloseTo(erfc(Math.sqrt(10)), 10);
  });

  it('matches the closed form for three arms: p = exp(−χ²/2)', () => {
    // Expected 500/250/250: (550−500)²/500 + (220−250)²/250 + (230−250)²/250 = 5 + 3.6 + 1.6 = 10.2.
    const r = sampleRatioMismatch([550, 220, 230], [2, 1, 1]);
    expect(r.chiSquared).toBeCloseTo(10.2, 10);
    expect(r.pValue).toBeCloseTo(Math.exp(-5.1), 10);
  });

  it('ignores arms with zero weight', () => {
    expect(sampleRatioMismatch([500, 500, 0], [0.5, 0.5, 0]).pValue).toBe(1);
  });
});
