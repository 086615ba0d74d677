import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { BETA_PRIOR, betaPosterior } from './beta-posterior.js';

describe('betaPosterior', () => {
  it('uses the prior the fixtures were made with', () => {
    expect(BETA_PRIOR).toEqual(fixtures.prior);
  });

  it('gives each arm’s 95% credible interval as scipy.stats.beta.ppf does, to 1e-12', () => {
    for (const f of fixtures.bayesianTwoArm) {
      const t = betaPosterior(f.xt, f.nt, 0.95);
      const c = betaPosterior(f.xc, f.nc, 0.95);
      expect(t.ci[0]).toBeCloseTo(f.posteriorCi[0][0], 12);
      expect(t.ci[1]).toBeCloseTo(f.posteriorCi[0][1], 12);
      expect(c.ci[0]).toBeCloseTo(f.posteriorCi[1][0], 12);
      expect(c.ci[1]).toBeCloseTo(f.posteriorCi[1][1], 12);
    }
  });

  it('has the conjugate posterior’s parameters and mean', () => {
    expect(betaPosterior(120, 1000, 0.95)).toMatchObject({ alpha: 121, beta: 881, mean: 121 / 1002 });
  });
});
