import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { betaPosterior } from './beta-posterior.js';
import { liftCredibleInterval } from './lift-credible-interval.js';

// Reference: quantiles of p_t − p_c from scipy.integrate.quad of ∫ f_c(x) F_t(x + d) dx and brentq.
describe('liftCredibleInterval against SciPy', () => {
  it('gives the 95% credible interval of the lift to 1e-8', () => {
    for (const f of fixtures.bayesianTwoArm) {
      const ci = liftCredibleInterval(betaPosterior(f.xt, f.nt, 0.95), betaPosterior(f.xc, f.nc, 0.95), 0.95);
      expect(ci[0]).toBeCloseTo(f.liftCi[0], 8);
      expect(ci[1]).toBeCloseTo(f.liftCi[1], 8);
    }
  });

  it('is the triangular distribution’s interval for two uniform posteriors', () => {
    const ci = liftCredibleInterval(betaPosterior(0, 0, 0.95), betaPosterior(0, 0, 0.95), 0.95);
    // P(U₁ − U₂ ≤ d) = (1 + d)²/2 below 0, so the 2.5% quantile is √0.05 − 1.
    expect(ci[0]).toBeCloseTo(Math.sqrt(0.05) - 1, 9);
    expect(ci[1]).toBeCloseTo(1 - Math.sqrt(0.05), 9);
  });
});
