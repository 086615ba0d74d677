// Seeded simulations of experiments read every day, through the same analysis
// code the API runs (experimentDesign, experimentOverTime, cupedLift). Used by
// experiment-simulation.test.ts (a reduced run with assertions) and by
// bench/experiments/sequential.mjs (the full run whose numbers are in
// docs/experiments.md).
import { DAY_MS, type Nudge } from '@pulse/core';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { experimentDesign, type ExperimentDesign } from '../src/experiments/experiment-design.js';
import { experimentOverTime } from '../src/experiments/experiment-over-time.js';
import type { DayResult, ExposedUser } from '../src/experiments/experiment-results.js';
import { cupedLift } from '../src/experiments/stats/cuped.js';
import { twoProportionPValue, wilsonInterval } from '../src/experiments/stats/fixed-horizon.js';
import { addObservation, emptyMoments } from '../src/experiments/stats/moments.js';
import { mulberry32 } from './stats-reference.js';

const START = Date.parse('2026-11-02T00:00:00Z');

/** The nudge every simulated experiment runs: a 50/50 split, a 7-day goal window. */
export const SIMULATED_NUDGE: Nudge = {
  id: 'simulated',
  placement: 'banner',
  trigger: {},
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'treatment', weight: 0.5, content: { title: 'Try it' } },
  ],
  goal: { event: 'Goal', withinDays: 7 },
};

/** A seeded source of uniform, normal and Poisson draws. */
export function randomSource(seed: number) {
  const uniform = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const poisson = (mean: number) => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k++;
    return k;
  };
  return { uniform, normal, poisson };
}

/**
 * What one simulated experiment looks like: users arrive evenly over `days`
 * days, are split 50/50, and convert within `delayDays` (default 7) days of
 * exposure (uniform delay)
 * with probability `baseRate` (control) or `baseRate + lift` (treatment). A
 * latent engagement z drives both the pre-exposure covariates (score
 * 40 + 15z + noise, clamped to 0–100; goal count Poisson(0.3·e^(0.5z))) and
 * conversion (a probit on 0.5z), so CUPED has something real to remove.
 */
export interface ExperimentShape {
  days: number;
  usersPerDay: number;
  baseRate: number;
  lift: number;
  /** Conversions happen uniformly within this many days of exposure (default 7, the goal window). */
  delayDays?: number;
}

/**
 * One simulated experiment's exposed users.
 *
 * @example
 * const users = simulatedUsers(randomSource(1), { days: 28, usersPerDay: 200, baseRate: 0.1, lift: 0 });
 */
export function simulatedUsers(random: ReturnType<typeof randomSource>, shape: ExperimentShape): ExposedUser[] {
  const r = 0.5;
  const threshold = (rate: number) => normalQuantile(1 - rate, 0, 1);
  const cut = [threshold(shape.baseRate), threshold(shape.baseRate + shape.lift)];
  const users: ExposedUser[] = [];
  for (let day = 0; day < shape.days; day++) {
    for (let i = 0; i < shape.usersPerDay; i++) {
      const arm = random.uniform() < 0.5 ? 0 : 1;
      const z = random.normal();
      const exposedAt = START + (day + random.uniform()) * DAY_MS;
      const converted = r * z + Math.sqrt(1 - r * r) * random.normal() > (cut[arm] as number);
      users.push({
        variant: arm === 0 ? 'control' : 'treatment',
        converted,
        exposedAt,
        convertedAt: converted ? exposedAt + random.uniform() * (shape.delayDays ?? 7) * DAY_MS : null,
        scoreBefore: Math.min(100, Math.max(0, Math.round(40 + 15 * z + 5 * random.normal()))),
        goalCountBefore: random.poisson(0.3 * Math.exp(0.5 * z)),
      });
    }
  }
  return users;
}

/** Whether a day's read would let the verdict speak: the API's minimum exposures and conversions. */
function ready(day: DayResult, design: ExperimentDesign): boolean {
  const [c, t] = day.variants as [DayResult['variants'][number], DayResult['variants'][number]];
  return (
    c.exposed >= design.minExposedPerArm &&
    t.exposed >= design.minExposedPerArm &&
    c.converted + t.converted >= design.minConversions
  );
}

const excludesZero = (ci: [number, number] | null) => ci !== null && (ci[0] > 0 || ci[1] < 0);

/**
 * A share with its 95% Wilson interval.
 *
 * @example
 * const s: Share = share(92, 2000);
 */
export interface Share {
  count: number;
  of: number;
  rate: number;
  ci: [number, number];
}

/**
 * `count` of `of` with its 95% Wilson score interval.
 *
 * @example
 * share(92, 2000).ci; // → [0.0376…, 0.0561…]
 */
export function share(count: number, of: number): Share {
  return { count, of, rate: count / of, ci: wilsonInterval(count, of, 0.05) ?? [0, 1] };
}

/**
 * How often each way of reading called a difference ("better" or "worse") on
 * at least one day: the fixed-horizon z-test read once at the end, the same test
 * read daily, the always-valid interval read daily, and the always-valid CUPED
 * interval read daily (what the verdict uses). Under `lift: 0` these are false
 * positive rates; under a planted lift, power. Each day counts only once the
 * API's minimum data is there, as the verdict does.
 *
 * @example
 * peekingStudy({ experiments: 400, seed: 1, days: 28, usersPerDay: 200, baseRate: 0.1, lift: 0 }).sequentialCuped.rate;
 */
export function peekingStudy(options: ExperimentShape & { experiments: number; seed: number }) {
  const random = randomSource(options.seed);
  const counts = { fixedOnce: 0, fixedDaily: 0, sequential: 0, sequentialCuped: 0 };
  const firstDay: number[] = [];
  const end = START + options.days * DAY_MS - 1;
  for (let e = 0; e < options.experiments; e++) {
    const users = simulatedUsers(random, options);
    const withCuped = experimentDesign(SIMULATED_NUDGE, users, { now: end });
    const without = experimentDesign(SIMULATED_NUDGE, users, { now: end, cuped: false });
    const cupedDays = experimentOverTime(withCuped, users);
    const plainDays = experimentOverTime(without, users);
    const fixed = plainDays.map((d) => {
      const [c, t] = d.variants as [DayResult['variants'][number], DayResult['variants'][number]];
      return ready(d, without) && twoProportionPValue(t.converted, t.exposed, c.converted, c.exposed) < 0.05;
    });
    if (fixed.at(-1)) counts.fixedOnce++;
    if (fixed.some(Boolean)) counts.fixedDaily++;
    if (plainDays.some((d) => ready(d, without) && excludesZero(d.variants[1]!.ci))) counts.sequential++;
    const hit = cupedDays.findIndex((d) => ready(d, withCuped) && excludesZero(d.variants[1]!.ci));
    if (hit !== -1) {
      counts.sequentialCuped++;
      firstDay.push(hit + 1);
    }
  }
  const n = options.experiments;
  firstDay.sort((a, b) => a - b);
  return {
    ...options,
    fixedOnce: share(counts.fixedOnce, n),
    fixedDaily: share(counts.fixedDaily, n),
    sequential: share(counts.sequential, n),
    sequentialCuped: share(counts.sequentialCuped, n),
    medianDayOfFirstCall: firstDay.length === 0 ? null : (firstDay[Math.floor((firstDay.length - 1) / 2)] as number),
  };
}

/**
 * A CUPED scenario with a known answer: `expected` is the share of the
 * outcome's variance the covariates explain (ρ² for one covariate of
 * correlation ρ), so the adjusted variance should be (1 − ρ²) times the
 * unadjusted one. `draw` returns one user's outcome and two covariates.
 */
export interface CupedScenario {
  name: string;
  expected: number;
  draw: (random: ReturnType<typeof randomSource>) => { y: number; x: [number, number] };
}

/**
 * The three scenarios of the report: a continuous outcome with one correlated
 * covariate (the other pure noise) at ρ = 0.3, 0.5 and 0.8; a 0/1 conversion
 * from a probit on the covariate (ρ between covariate and conversion known in
 * closed form: r·φ(c)/√(p(1 − p))); and two correlated covariates that both
 * carry signal (R² = bᵀΣb / (bᵀΣb + 1)).
 *
 * @example
 * cupedScenarios()[0]?.expected; // → 0.09
 */
export function cupedScenarios(): CupedScenario[] {
  const continuous = (rho: number): CupedScenario => ({
    name: `continuous outcome, ρ = ${rho}`,
    expected: rho * rho,
    draw: (g) => {
      const x = g.normal();
      return { y: rho * x + Math.sqrt(1 - rho * rho) * g.normal(), x: [x, g.normal()] };
    },
  });
  const r = 0.8;
  const p = 0.2;
  const c = normalQuantile(1 - p, 0, 1);
  const phi = Math.exp((-c * c) / 2) / Math.sqrt(2 * Math.PI);
  const rhoBinary = (r * phi) / Math.sqrt(p * (1 - p));
  const b = [0.6, 0.4];
  const cov = 0.3;
  const explained = b[0]! ** 2 + b[1]! ** 2 + 2 * b[0]! * b[1]! * cov;
  return [
    continuous(0.3),
    continuous(0.5),
    continuous(0.8),
    {
      name: `conversion (p = ${p}) from a probit, ρ = ${rhoBinary.toFixed(3)}`,
      expected: rhoBinary * rhoBinary,
      draw: (g) => {
        const x = g.normal();
        return { y: r * x + Math.sqrt(1 - r * r) * g.normal() > c ? 1 : 0, x: [x, g.normal()] };
      },
    },
    {
      name: 'two covariates, both informative (corr 0.3)',
      expected: explained / (explained + 1),
      draw: (g) => {
        const x1 = g.normal();
        const x2 = cov * x1 + Math.sqrt(1 - cov * cov) * g.normal();
        return { y: b[0]! * x1 + b[1]! * x2 + g.normal(), x: [x1, x2] };
      },
    },
  ];
}

/**
 * CUPED on `replicates` simulated A/A experiments of `users` users each: the
 * mean variance reduction the analysis reports (1 − V_adj/V) with its standard
 * error, and the reduction actually achieved — one minus the ratio of the
 * adjusted to the unadjusted lift's variance across replicates — with the
 * delta-method standard error of that ratio's logarithm (2ρ/√(R − 1)).
 *
 * @example
 * cupedStudy(cupedScenarios()[1]!, { replicates: 200, users: 2000, seed: 3 }).reported.mean;
 */
export function cupedStudy(scenario: CupedScenario, options: { replicates: number; users: number; seed: number }) {
  const random = randomSource(options.seed);
  const reported: number[] = [];
  const lifts: { raw: number; adjusted: number }[] = [];
  for (let rep = 0; rep < options.replicates; rep++) {
    const arms = [emptyMoments(2), emptyMoments(2)];
    for (let i = 0; i < options.users; i++) {
      const { y, x } = scenario.draw(random);
      addObservation(arms[i % 2]!, y, x);
    }
    const r = cupedLift(arms[1]!, arms[0]!)!;
    reported.push(r.varianceReduction);
    lifts.push({ raw: r.unadjustedLift, adjusted: r.lift });
  }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const variance = (v: number[]) => {
    const m = mean(v);
    return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
  };
  const ratio = variance(lifts.map((l) => l.adjusted)) / variance(lifts.map((l) => l.raw));
  const logSe = (2 * Math.sqrt(scenario.expected)) / Math.sqrt(options.replicates - 1);
  return {
    scenario: scenario.name,
    expected: scenario.expected,
    reported: { mean: mean(reported), se: Math.sqrt(variance(reported) / reported.length) },
    achieved: { reduction: 1 - ratio, ci: [1 - ratio * Math.exp(1.96 * logSe), 1 - ratio * Math.exp(-1.96 * logSe)] },
    // In-sample fitting of k = 2 coefficients makes the reported reduction optimistic by about (1 − R²)·k/n.
    optimism: ((1 - scenario.expected) * 2) / options.users,
  };
}
