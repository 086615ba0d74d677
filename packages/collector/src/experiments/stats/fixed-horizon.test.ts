import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { twoProportionPValue, waldInterval, waldPValue, wilsonInterval } from './fixed-horizon.js';

// Reference: statsmodels confint_proportions_2indep(method="wald"), proportions_ztest, proportion_confint(method="wilson").
describe('fixed-horizon tests against statsmodels', () => {
  it('gives the unpooled Wald interval of a difference of proportions to 1e-12', () => {
    for (const f of fixtures.fixedHorizon) {
      const [pt, pc] = [f.xt / f.nt, f.xc / f.nc];
      const ci = waldInterval(pt - pc, (pt * (1 - pt)) / f.nt + (pc * (1 - pc)) / f.nc, fixtures.alpha);
      expect(ci[0]).toBeCloseTo(f.ci[0], 12);
      expect(ci[1]).toBeCloseTo(f.ci[1], 12);
    }
  });

  it('gives the pooled two-proportion z-test p-value to 1e-10', () => {
    for (const f of fixtures.fixedHorizon) {
      expect(twoProportionPValue(f.xt, f.nt, f.xc, f.nc)).toBeCloseTo(f.pValue, 10);
    }
  });

  it('gives the Wilson interval of a proportion to 1e-12, also at 0 and n', () => {
    for (const f of fixtures.wilson) {
      const ci = wilsonInterval(f.x, f.n, fixtures.alpha);
      expect(ci?.[0]).toBeCloseTo(f.ci[0], 12);
      expect(ci?.[1]).toBeCloseTo(f.ci[1], 12);
    }
    expect(wilsonInterval(0, 0, 0.05)).toBeNull();
  });

  it('rejects at 5% exactly when |z| > 1.96', () => {
    expect(waldPValue(1.95, 1)).toBeGreaterThan(0.05);
    expect(waldPValue(1.97, 1)).toBeLessThan(0.05);
  });
});
