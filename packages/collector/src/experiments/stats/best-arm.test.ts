import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { betaPosterior } from './beta-posterior.js';
import { bestArm } from './best-arm.js';

// Reference: Evan Miller's closed-form sum for P(p_t > p_c) and its size-biased form for the
// expected loss (two arms); scipy.integrate.quad of the defining integrals (more arms); both
// cross-checked in the script against 4 million posterior draws.
describe('bestArm against closed forms and SciPy', () => {
  it('gives the chance to beat control and both expected losses to 1e-9 for two arms', () => {
    for (const f of fixtures.bayesianTwoArm) {
      const r = bestArm([betaPosterior(f.xc, f.nc, 0.95), betaPosterior(f.xt, f.nt, 0.95)]);
      expect(r.chanceToBeBest[1]).toBeCloseTo(f.chanceToBeatControl, 9);
      expect(r.chanceToBeBest[0]).toBeCloseTo(1 - f.chanceToBeatControl, 9);
      expect(r.expectedLoss[1]).toBeCloseTo(f.expectedLossTreatment, 10);
      expect(r.expectedLoss[0]).toBeCloseTo(f.expectedLossControl, 10);
    }
  });

  it('gives the chance to be best and the expected loss of each of several arms to 1e-9', () => {
    for (const f of fixtures.bayesianManyArms) {
      const r = bestArm(f.arms.map((a) => betaPosterior(a.x, a.n, 0.95)));
      r.chanceToBeBest.forEach((p, i) => expect(p).toBeCloseTo(f.chanceToBeBest[i] as number, 9));
      r.expectedLoss.forEach((l, i) => expect(l).toBeCloseTo(f.expectedLoss[i] as number, 9));
    }
  });

  it('splits evenly between two arms with no data', () => {
    const r = bestArm([betaPosterior(0, 0, 0.95), betaPosterior(0, 0, 0.95)]);
    expect(r.chanceToBeBest[0]).toBeCloseTo(0.5, 9);
    expect(r.expectedLoss[0]).toBeCloseTo(1 / 6, 9);
  });
});
