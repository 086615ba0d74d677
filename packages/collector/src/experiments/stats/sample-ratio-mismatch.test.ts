import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { sampleRatioMismatch } from './sample-ratio-mismatch.js';

describe('sampleRatioMismatch', () => {
  it('matches scipy.stats.chisquare against the weights', () => {
    for (const f of fixtures.srm) {
      const r = sampleRatioMismatch(f.observed, f.weights);
      expect(r.chiSquared).toBeCloseTo(f.chiSquared, 10);
      expect(r.pValue).toBeCloseTo(f.pValue, 12);
    }
  });

  it('ignores arms with zero weight', () => {
    expect(sampleRatioMismatch([500, 500, 0], [0.5, 0.5, 0]).pValue).toBe(1);
  });
});
