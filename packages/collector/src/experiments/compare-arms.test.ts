import type { Nudge } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/stats-reference.js';
import { compareMeans, compareRates } from './compare-arms.js';
import { experimentDesign } from './experiment-design.js';
import { addObservation, emptyMoments } from './stats/moments.js';

const nudge: Nudge = {
  id: 'n',
  placement: 'banner',
  trigger: {},
  variants: [
    { id: 'control', weight: 1, content: null },
    { id: 'b', weight: 1, content: { title: 'Hi' } },
  ],
  goal: { event: 'Goal', withinDays: 7 },
};
const design = experimentDesign(nudge, [], { cuped: false });

describe('compareRates', () => {
  it('covers the true lift at about the nominal rate at one look, and the always-valid interval more often', () => {
    const random = mulberry32(42);
    const runs = 400;
    let fixed = 0;
    let sequential = 0;
    for (let run = 0; run < runs; run++) {
      const [c, t] = [emptyMoments(0), emptyMoments(0)];
      for (let i = 0; i < 1500; i++) addObservation(c, random() < 0.1 ? 1 : 0, []);
      for (let i = 0; i < 1500; i++) addObservation(t, random() < 0.13 ? 1 : 0, []);
      const r = compareRates(t, c, design)!;
      if (r.fixedHorizon.ci[0] <= 0.03 && 0.03 <= r.fixedHorizon.ci[1]) fixed++;
      if (r.sequential.ci[0] <= 0.03 && 0.03 <= r.sequential.ci[1]) sequential++;
    }
    // 95% nominal; with 400 runs the binomial standard error is about 1.1 points.
    expect(fixed / runs).toBeGreaterThan(0.92);
    expect(fixed / runs).toBeLessThan(0.98);
    // Valid at every look at once, so at a single look it covers well above 95%.
    expect(sequential / runs).toBeGreaterThan(0.98);
  });

  it('is null while an arm is empty', () => {
    const c = emptyMoments(0);
    addObservation(c, 1, []);
    expect(compareRates(emptyMoments(0), c, design)).toBeNull();
    expect(compareMeans(c, emptyMoments(0), design)).toBeNull();
  });
});
