import { describe, expect, it } from 'vitest';
import { close, fixtures } from '../../../test/reference/experiment-fixtures.js';
import { detectableEffect, requiredExposures } from './sample-size.js';

// Reference: statsmodels NormalIndPower.solve_power (fixed horizon, equal split; it also counts the
// far rejection tail, a 1e-6 relative difference) or the closed form, and brentq on the
// sequential design equation.
describe('planning against statsmodels and SciPy', () => {
  it('gives the exposures needed for both tests to 1e-5 (relative)', () => {
    for (const f of fixtures.planning) {
      const r = requiredExposures(f, f.effect);
      expect(close(r.fixedHorizon, f.fixedHorizon, 1e-5)).toBe(true);
      expect(close(r.sequential, f.sequential, 1e-5)).toBe(true);
    }
  });

  it('gives the smallest detectable lift at a given size to 1e-9', () => {
    for (const f of fixtures.planning) {
      const r = detectableEffect(f, f.n);
      expect(r.fixedHorizon).toBeCloseTo(f.detectableFixedHorizon, 9);
      expect(r.sequential).toBeCloseTo(f.detectableSequential, 9);
    }
  });

  it('needs more exposures for the sequential test than for one look', () => {
    for (const f of fixtures.planning) {
      const r = requiredExposures(f, f.effect);
      expect(r.sequential).toBeGreaterThan(r.fixedHorizon);
    }
  });
});
