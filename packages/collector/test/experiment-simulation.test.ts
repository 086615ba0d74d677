import { beforeAll, describe, expect, it } from 'vitest';
import { cupedScenarios, cupedStudy, peekingStudy } from './experiment-simulation.js';

// A reduced, seeded run of bench/experiments/sequential.mjs (whose full numbers are in
// docs/experiments.md). Being seeded, each run gives the same counts; the bounds below are
// chosen so that they would also hold, with negligible chance of failing, for any other seed
// when the method works — and fail for sure when it does not.
const MINUTE = 60_000;

describe('peeking every day at A/A experiments (400 experiments, 28 daily reads)', () => {
  let aa: ReturnType<typeof peekingStudy>;
  beforeAll(() => {
    aa = peekingStudy({ experiments: 400, seed: 11, days: 28, usersPerDay: 200, baseRate: 0.1, lift: 0 });
  }, MINUTE);

  it(
    'lets the fixed-horizon test read daily call a difference far more often than 5%',
    () => {
      // Its true rate here is about 35% (2,000 experiments: docs/experiments.md); 20% of 400 is
      // over 6 standard deviations below that. A single look at day 28 stays near 5% (±3.5 sd).
      expect(aa.fixedDaily.rate).toBeGreaterThan(0.2);
      expect(aa.fixedOnce.rate).toBeGreaterThan(0.015);
      expect(aa.fixedOnce.rate).toBeLessThan(0.1);
    },
    MINUTE,
  );

  it(
    'keeps the always-valid reads (with and without CUPED) at or below 5%',
    () => {
      // Measured about 1–2%; a method exactly at its 5% guarantee would stay under 7.5% of 400
      // (30) with 99% probability, while one that peeks like the fixed test (35%) cannot.
      expect(aa.sequential.count).toBeLessThanOrEqual(30);
      expect(aa.sequentialCuped.count).toBeLessThanOrEqual(30);
    },
    MINUTE,
  );
});

describe('peeking every day at A/B experiments with a planted lift (10% → 12%)', () => {
  let ab: ReturnType<typeof peekingStudy>;
  beforeAll(() => {
    ab = peekingStudy({ experiments: 200, seed: 12, days: 28, usersPerDay: 200, baseRate: 0.1, lift: 0.02 });
  }, MINUTE);

  it(
    'still finds the lift with the always-valid interval',
    () => {
      // Power about 35% at this size (docs/experiments.md); 20% of 200 is 4.5 sd below it, and a
      // method that never calls anything (0%) fails.
      expect(ab.sequentialCuped.rate).toBeGreaterThan(0.2);
      expect(ab.sequential.rate).toBeGreaterThan(0.2);
      // One look at the planned end finds it more often: the price of being safe to read daily.
      expect(ab.fixedOnce.rate).toBeGreaterThan(ab.sequentialCuped.rate);
    },
    MINUTE,
  );
});

describe('CUPED removes the share of variance the covariates explain (1 − ρ² remains)', () => {
  for (const scenario of cupedScenarios()) {
    it(
      scenario.name,
      () => {
        const r = cupedStudy(scenario, { replicates: 300, users: 2000, seed: 13 });
        // The reported reduction averages to ρ² within 4 standard errors (plus the known
        // O(k/n) optimism of fitting θ in-sample): a 1-in-15,000 chance of failing by luck.
        expect(Math.abs(r.reported.mean - r.expected)).toBeLessThan(4 * r.reported.se + r.optimism);
        // The lift's variance across experiments really shrinks by that much: within 4 standard
        // errors of the log variance ratio, 2ρ/√(R − 1).
        const logSe = (2 * Math.sqrt(r.expected)) / Math.sqrt(300 - 1);
        expect(Math.abs(Math.log(1 - r.achieved.reduction) - Math.log(1 - r.expected))).toBeLessThan(4 * logSe);
      },
      MINUTE,
    );
  }
});
