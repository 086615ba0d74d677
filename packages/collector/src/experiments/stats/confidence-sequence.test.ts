import { describe, expect, it } from 'vitest';
import { close, fixtures } from '../../../test/reference/experiment-fixtures.js';
import { confidenceSequence, mixingRho2 } from './confidence-sequence.js';
import { waldInterval } from './fixed-horizon.js';

// Reference: the normal-mixture likelihood ratio integrated with scipy.integrate.quad, its
// reciprocal at 0 as the p-value, and the interval's ends found by brentq where it equals 1/α.
describe('confidenceSequence against a numerically integrated mixture SPRT', () => {
  const { rho2, alpha, tuning, cases } = fixtures.sequential;

  it('uses the mixing parameter of the reference', () => {
    expect(close(mixingRho2(tuning, alpha), rho2, 1e-14)).toBe(true);
  });

  it('gives the always-valid interval to 1e-9 and the p-value to 1e-8 (relative)', () => {
    for (const f of cases) {
      const cs = confidenceSequence(f.estimate, f.variance, f.n, rho2, alpha);
      expect(cs.ci[0]).toBeCloseTo(f.ci[0], 9);
      expect(cs.ci[1]).toBeCloseTo(f.ci[1], 9);
      expect(close(cs.pValue, f.pValue, 1e-8)).toBe(true);
    }
  });

  it('is wider than the fixed-horizon interval, and excludes 0 exactly when p < α', () => {
    for (const f of cases) {
      const cs = confidenceSequence(f.estimate, f.variance, f.n, rho2, alpha);
      const fixed = waldInterval(f.estimate, f.variance, alpha);
      expect(cs.ci[1] - cs.ci[0]).toBeGreaterThan(fixed[1] - fixed[0]);
      expect(cs.pValue < alpha).toBe(cs.ci[0] > 0 || cs.ci[1] < 0);
    }
  });

  it('degenerates to a point when nothing varies', () => {
    expect(confidenceSequence(0, 0, 100, rho2, alpha)).toEqual({ ci: [0, 0], pValue: 1 });
  });
});
