import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/reference/experiment-fixtures.js';
import { holmAdjust } from './holm.js';

describe('holmAdjust', () => {
  it('matches statsmodels multipletests(method="holm")', () => {
    for (const f of fixtures.holm) {
      const adjusted = holmAdjust(f.pValues);
      adjusted.forEach((p, i) => expect(p).toBeCloseTo(f.adjusted[i] as number, 14));
    }
  });

  it('never makes an adjusted p-value smaller than the raw one', () => {
    const raw = [0.001, 0.2, 0.04, 0.03, 0.5];
    holmAdjust(raw).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(raw[i] as number));
  });
});
