import { DAY_MS, type Nudge } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/reference/experiment-fixtures.js';
import { mulberry32, twoProportions } from '../../test/stats-reference.js';
import { analyzeExperiment, sampleRatioMismatch, type ExposedUser } from './analyze-experiment.js';
import { requiredExposures } from './stats/sample-size.js';

const nudge: Nudge = {
  id: 'invite-nudge',
  placement: 'banner',
  trigger: {},
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'social', weight: 0.5, content: { title: 'Invite a teammate' } },
  ],
  goal: { event: 'Teammate Invited', withinDays: 7 },
};
const threeArms: Nudge = {
  ...nudge,
  variants: [
    { id: 'control', weight: 1, content: null },
    { id: 'social', weight: 1, content: { title: 'Invite a teammate' } },
    { id: 'plain', weight: 1, content: { title: 'Invite' } },
  ],
};

function arm(variant: string, exposed: number, converted: number, extra: Partial<ExposedUser> = {}): ExposedUser[] {
  return Array.from({ length: exposed }, (_, i) => ({ variant, converted: i < converted, ...extra }));
}

describe('analyzeExperiment: the fixed-horizon fields keep their meaning', () => {
  const r = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 120)]);
  const social = r.variants[1]!;

  it('counts exposed and converted users per variant with their rates', () => {
    expect(r.variants.map((v) => [v.id, v.exposed, v.converted, v.rate])).toEqual([
      ['control', 1000, 100, 0.1],
      ['social', 1000, 120, 0.12],
    ]);
  });

  it('gives lift, liftCi and pValue as the two-proportion z-test and Wald interval, also under fixedHorizon', () => {
    const reference = twoProportions(100, 1000, 120, 1000);
    expect(social.lift).toBeCloseTo(0.02, 12);
    expect(social.liftCi![0]).toBeCloseTo(reference.ci[0]!, 9);
    expect(social.liftCi![1]).toBeCloseTo(reference.ci[1]!, 9);
    expect(social.pValue).toBeCloseTo(reference.pValue, 9);
    expect(social.relativeLift).toBeCloseTo(0.2, 12);
    expect(social.fixedHorizon).toEqual({ lift: social.lift, ci: social.liftCi, pValue: social.pValue });
  });

  it('gives the control no comparison of its own', () => {
    expect(r.variants[0]).toMatchObject({ control: true, lift: null, liftCi: null, pValue: null, decision: null });
    expect(r.variants[0]!.bayesian.chanceToBeatControl).toBeNull();
  });
});

describe('analyzeExperiment: always-valid, Bayesian and CUPED results match the references', () => {
  it('gives the always-valid interval and p-value of the SciPy fixture for the same counts', () => {
    const f = fixtures.sequential.cases[0]!; // 120/1000 against 100/1000
    const social = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 120)]).variants[1]!;
    expect(social.sequential!.ci[0]).toBeCloseTo(f.ci[0], 9);
    expect(social.sequential!.ci[1]).toBeCloseTo(f.ci[1], 9);
    expect(social.sequential!.pValue).toBeCloseTo(f.pValue, 8);
  });

  it('gives the Bayesian view of the SciPy fixture for the same counts', () => {
    const f = fixtures.bayesianTwoArm[0]!;
    const r = analyzeExperiment(nudge, [...arm('control', f.nc, f.xc), ...arm('social', f.nt, f.xt)]);
    const [control, social] = [r.variants[0]!.bayesian, r.variants[1]!.bayesian];
    expect(social.chanceToBeatControl).toBeCloseTo(f.chanceToBeatControl, 9);
    expect(social.chanceToBeBest).toBeCloseTo(f.chanceToBeatControl, 9);
    expect(social.expectedLoss).toBeCloseTo(f.expectedLossTreatment, 10);
    expect(control.expectedLoss).toBeCloseTo(f.expectedLossControl, 10);
    expect(social.liftCi![0]).toBeCloseTo(f.liftCi[0], 8);
    expect(social.liftCi![1]).toBeCloseTo(f.liftCi[1], 8);
    expect(social.posterior).toMatchObject({ alpha: 1 + f.xt, beta: 1 + f.nt - f.xt });
    expect(r.method.prior).toEqual(fixtures.prior);
  });

  it('adjusts with the score at exposure and the prior goal count as statsmodels OLS does', () => {
    const f = fixtures.cuped[0]!; // a 0/1 outcome with both covariates
    const users = f.y.map((y, i) => ({
      variant: f.treated[i] === 1 ? 'social' : 'control',
      converted: y === 1,
      scoreBefore: f.x[i]![0]!,
      goalCountBefore: f.x[i]![1]!,
    }));
    const r = analyzeExperiment(nudge, users);
    const cuped = r.variants[1]!.cuped!;
    expect(cuped.covariates).toEqual(['scoreAtExposure', 'goalCountBefore']);
    expect(cuped.lift).toBeCloseTo(f.lift, 11);
    expect(cuped.varianceReduction).toBeCloseTo(f.varianceReduction, 8);
    expect(cuped.intervalNarrowing).toBeCloseTo(1 - Math.sqrt(1 - f.varianceReduction), 8);
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(cuped.fixedHorizon.ci) / width(r.variants[1]!.liftCi!)).toBeCloseTo(1 - cuped.intervalNarrowing, 9);
    expect(r.variants[1]!.decision?.basis).toBe('sequential-cuped');
    expect(r.method.cuped).toEqual({ covariates: ['scoreAtExposure', 'goalCountBefore'], preExposureDays: 14 });
  });

  it('leaves CUPED out when some user lacks a covariate', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 200, 20, { scoreBefore: 5 }), ...arm('social', 200, 30)]);
    expect(r.variants[1]!.cuped).toBeNull();
    expect(r.verdict.basis).toBe('sequential');
  });
});

describe('analyzeExperiment: the verdict', () => {
  it('reads the always-valid interval, not the fixed-horizon one', () => {
    // 10% vs 13% on 1,000 each: p = 0.035 at one look, but not enough to be safe to peek.
    const r = analyzeExperiment(nudge, [...arm('control', 1000, 100), ...arm('social', 1000, 130)]);
    expect(r.variants[1]!.pValue).toBeLessThan(0.05);
    expect(r.variants[1]!.decision!.pValue).toBeGreaterThan(0.05);
    expect(r.verdict.kind).toBe('inconclusive');
    expect(r.verdict.text).toBe('No difference detected at 95% confidence (always-valid: safe to check daily).');
  });

  it('says which variant is better, with the always-valid interval in points', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 2000, 200), ...arm('social', 2000, 300)]);
    expect(r.verdict).toMatchObject({ kind: 'better', variant: 'social', basis: 'sequential', harms: [] });
    const [lo, hi] = r.variants[1]!.decision!.ci.map((x) => (x * 100).toFixed(1));
    expect(r.verdict.text).toBe(`social is better than control: +5.0 pts, 95% always-valid CI [+${lo}, +${hi}]`);
    expect(r.verdict.bayesianText).toMatch(/^social has a >99\.9% chance to beat control \(\+5\.0 pts, 95% credible/);
  });

  it('says how much CUPED narrowed the interval', () => {
    const random = mulberry32(5);
    const users: ExposedUser[] = [];
    for (let i = 0; i < 4000; i++) {
      const scoreBefore = Math.floor(random() * 100);
      const variant = i % 2 === 0 ? 'control' : 'social';
      const rate = (variant === 'social' ? 0.05 : 0) + scoreBefore / 120;
      users.push({ variant, converted: random() < rate, scoreBefore, goalCountBefore: 0 });
    }
    const r = analyzeExperiment(nudge, users);
    const narrowing = Math.round(r.variants[1]!.cuped!.intervalNarrowing * 100);
    expect(narrowing).toBeGreaterThan(5);
    expect(r.verdict.kind).toBe('better');
    expect(r.verdict.text).toContain(`; CUPED narrowed the interval by ${narrowing}%`);
  });

  it('reports a worse variant as worse', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 2000, 300), ...arm('social', 2000, 200)]);
    expect(r.verdict.kind).toBe('worse');
    expect(r.verdict.text).toMatch(/^social is worse than control: −5\.0 pts/);
  });

  it('gives no verdict on small samples', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 40, 2), ...arm('social', 40, 20)]);
    expect(r.verdict.kind).toBe('not-enough-data');
  });

  it('calls a nudge with one variant no experiment, however many users saw it', () => {
    const single: Nudge = { ...nudge, variants: [{ id: 'tip', weight: 1, content: { title: 'Tip' } }] };
    const r = analyzeExperiment(single, arm('tip', 2000, 1800));
    expect(r.verdict.kind).toBe('no-control');
    expect(r.verdict.text).toMatch(/not an A\/B test/);
  });

  it('flags a deliberately skewed assignment and withholds the verdict', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1100, 110), ...arm('social', 900, 200)]);
    expect(r.srm.flagged).toBe(true);
    expect(r.verdict.kind).toBe('srm');
  });

  it('does not flag a split that matches the weights', () => {
    const r = analyzeExperiment(nudge, [...arm('control', 1010, 110), ...arm('social', 990, 200)]);
    expect(r.srm.flagged).toBe(false);
  });

  it('adjusts for several treatments with Holm, and the verdict respects it', () => {
    const users = [...arm('control', 3000, 300), ...arm('social', 3000, 375), ...arm('plain', 3000, 300)];
    const two = analyzeExperiment(nudge, users);
    const three = analyzeExperiment(threeArms, users);
    const p = three.variants.map((v) => v.decision?.pValue ?? null);
    // Holm with two comparisons: the smaller p doubles, the larger is max(that, its own).
    const [social, plain] = [p[1]!, p[2]!];
    expect(three.variants[1]!.decision!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * Math.min(social, plain)), 12);
    expect(three.variants[2]!.decision!.adjustedPValue).toBeCloseTo(
      Math.max(Math.min(1, 2 * Math.min(social, plain)), Math.min(1, Math.max(social, plain))),
      12,
    );
    expect(social).toBeLessThan(0.05);
    expect(2 * social).toBeGreaterThan(0.05);
    expect(two.verdict.kind).toBe('better');
    expect(three.verdict.kind).toBe('inconclusive');
    expect(three.method.multipleComparisons).toEqual({ method: 'holm', comparisons: 2 });
  });

  it('names Holm in the verdict when it holds across several comparisons', () => {
    const r = analyzeExperiment(threeArms, [
      ...arm('control', 3000, 300),
      ...arm('social', 3000, 450),
      ...arm('plain', 3000, 300),
    ]);
    expect(r.verdict.kind).toBe('better');
    expect(r.verdict.text).toContain('; Holm-adjusted across 2 comparisons');
    expect(r.verdict.bayesianText).toContain('chance to be the best arm');
  });
});

describe('analyzeExperiment: guardrails', () => {
  const guarded: Nudge = { ...nudge, analysis: { guardrailEvents: ['Subscription Cancelled'] } };
  const cancelled = (variant: string, n: number, k: number, converted: number) =>
    Array.from({ length: n }, (_, i) => ({
      variant,
      converted: i < converted,
      guardrailEvents: i >= n - k ? ['Subscription Cancelled'] : [],
    }));

  it('says "better but harms" when the winner raises a guardrail event significantly', () => {
    const r = analyzeExperiment(guarded, [
      ...cancelled('control', 2000, 40, 200),
      ...cancelled('social', 2000, 160, 300),
    ]);
    const g = r.variants[1]!.guardrails.find((x) => x.id === 'event:Subscription Cancelled')!;
    expect(g).toMatchObject({ kind: 'event', users: 2000, value: 0.08, harmed: true });
    expect(g.difference).toBeCloseTo(0.06, 12);
    expect(r.verdict.kind).toBe('better-but-harms');
    expect(r.verdict.harms).toEqual([
      {
        variant: 'social',
        guardrail: 'event:Subscription Cancelled',
        text: expect.stringMatching(/^Subscription Cancelled \+6\.0 pts/),
      },
    ]);
    expect(r.verdict.text).toMatch(/^social is better than control: .* — but harms Subscription Cancelled \+6\.0 pts/);
  });

  it('stays "better" when the guardrail does not move significantly', () => {
    const r = analyzeExperiment(guarded, [
      ...cancelled('control', 2000, 40, 200),
      ...cancelled('social', 2000, 44, 300),
    ]);
    expect(r.verdict.kind).toBe('better');
    expect(r.variants[1]!.guardrails.every((g) => !g.harmed)).toBe(true);
  });

  it('treats a fall of the engagement score as harm', () => {
    const withScores = (variant: string, n: number, converted: number, change: number) =>
      Array.from({ length: n }, (_, i) => ({
        variant,
        converted: i < converted,
        scoreBefore: 40,
        scoreAfter: 40 + change + (i % 2 === 0 ? 3 : -3),
        goalCountBefore: 0,
      }));
    const r = analyzeExperiment(nudge, [
      ...withScores('control', 2000, 200, 2),
      ...withScores('social', 2000, 300, -1),
    ]);
    const score = r.variants[1]!.guardrails[0]!;
    expect(score).toMatchObject({ id: 'engagement-score', kind: 'score-change', harmed: true });
    expect(score.difference).toBeCloseTo(-3, 12);
    expect(r.variants[1]!.meanScoreChange).toBeCloseTo(-1, 12);
    expect(r.verdict.kind).toBe('better-but-harms');
    expect(r.verdict.text).toContain('but harms engagement score −3.0, 95% always-valid CI [');
  });

  it('reports the mean score change after exposure per variant', () => {
    const r = analyzeExperiment(nudge, [
      { variant: 'social', converted: true, scoreBefore: 10, scoreAfter: 30 },
      { variant: 'social', converted: false, scoreBefore: 20, scoreAfter: 20 },
      { variant: 'control', converted: false },
    ]);
    expect(r.variants[1]?.meanScoreChange).toBe(10);
    expect(r.variants[0]?.meanScoreChange).toBeNull();
  });
});

const START = Date.parse('2026-11-02T00:00:00Z');
const at = (day: number, hour = 12) => START + day * DAY_MS + hour * 3_600_000;

describe('analyzeExperiment: planning', () => {
  // 100 exposures a day for 10 days, 10% converting, all with the covariates constant (no CUPED gain).
  const users: ExposedUser[] = [];
  for (let day = 0; day < 10; day++) {
    for (let i = 0; i < 100; i++) {
      users.push({
        variant: i % 2 === 0 ? 'control' : 'social',
        converted: i % 20 < 2,
        exposedAt: at(day),
        scoreBefore: 10,
        goalCountBefore: 0,
      });
    }
  }
  const now = at(9, 23);

  it('gives the exposures still needed for the MDE and the days at the recent rate', () => {
    const r = analyzeExperiment(nudge, users, { now, minDetectableEffect: 0.02, power: 0.9 });
    const p = r.planning!;
    const need = requiredExposures(
      { baseline: 0.1, shareControl: 0.5, alpha: 0.05, power: 0.9, rho2: r.method.sequential.rho2, varianceFactor: 1 },
      0.02,
    );
    expect(p).toMatchObject({ minDetectableEffect: 0.02, power: 0.9, alpha: 0.05, baselineRate: 0.1, exposures: 1000 });
    expect(p.required).toEqual({ sequential: Math.ceil(need.sequential), fixedHorizon: Math.ceil(need.fixedHorizon) });
    expect(p.remaining).toEqual({
      sequential: p.required!.sequential - 1000,
      fixedHorizon: p.required!.fixedHorizon - 1000,
    });
    expect(p.exposuresPerDay).toBe(100);
    expect(p.daysRemaining).toEqual({
      sequential: Math.ceil(p.remaining!.sequential / 100),
      fixedHorizon: Math.ceil(p.remaining!.fixedHorizon / 100),
    });
    expect(p.detectableEffectNow!.sequential).toBeGreaterThan(p.detectableEffectNow!.fixedHorizon);
  });

  it('takes the MDE and power from the nudge unless the options say otherwise', () => {
    const configured: Nudge = { ...nudge, analysis: { minDetectableEffect: 0.05, power: 0.85 } };
    expect(analyzeExperiment(configured, users, { now }).planning).toMatchObject({
      minDetectableEffect: 0.05,
      power: 0.85,
    });
    expect(analyzeExperiment(configured, users, { now, minDetectableEffect: 0.01 }).planning).toMatchObject({
      minDetectableEffect: 0.01,
    });
    expect(analyzeExperiment(nudge, users, { now }).planning).toMatchObject({
      minDetectableEffect: null,
      required: null,
    });
  });

  it('has no planning for a concluded experiment, and no SRM check', () => {
    const concluded: Nudge = { ...nudge, status: 'concluded', winner: 'social' };
    const r = analyzeExperiment(concluded, [...arm('control', 100, 10), ...arm('social', 900, 90)]);
    expect(r.planning).toBeNull();
    expect(r.srm.flagged).toBe(false);
  });
});

describe('analyzeExperiment: over time', () => {
  it('gives each day the counts a reader saw then, conversions only once they happened', () => {
    const users: ExposedUser[] = [
      { variant: 'control', converted: true, exposedAt: at(0), convertedAt: at(1) },
      { variant: 'social', converted: true, exposedAt: at(0), convertedAt: at(0, 20) },
      { variant: 'social', converted: false, exposedAt: at(1), convertedAt: null },
      { variant: 'control', converted: false, exposedAt: at(2) },
    ];
    const r = analyzeExperiment(nudge, users, { now: at(2, 18) });
    expect(r.overTime.map((d) => [d.day, d.variants.map((v) => [v.exposed, v.converted])])).toEqual([
      [
        '2026-11-02',
        [
          [1, 0],
          [1, 1],
        ],
      ],
      [
        '2026-11-03',
        [
          [1, 1],
          [2, 1],
        ],
      ],
      [
        '2026-11-04',
        [
          [2, 1],
          [2, 1],
        ],
      ],
    ]);
    expect(r.overTime[0]!.variants[1]!.lift).toBe(1);
  });

  it('ends on the headline numbers, and flags SRM on the days it holds', () => {
    const random = mulberry32(9);
    const users: ExposedUser[] = [];
    for (let day = 0; day < 14; day++) {
      for (let i = 0; i < 300; i++) {
        // From day 7 on, a buggy client drops a third of the control's exposures.
        const variant = i % 2 === 0 ? 'control' : 'social';
        if (day >= 7 && variant === 'control' && i % 3 === 0) continue;
        const converted = random() < (variant === 'social' ? 0.13 : 0.1);
        users.push({
          variant,
          converted,
          exposedAt: at(day, 1 + (i % 20)),
          convertedAt: converted ? at(day, 22) : null,
        });
      }
    }
    const r = analyzeExperiment(nudge, users, { now: at(13, 23) });
    expect(r.overTime).toHaveLength(14);
    const last = r.overTime.at(-1)!;
    expect(last.variants[1]!.ci).toEqual(r.variants[1]!.decision!.ci);
    expect(last.variants.map((v) => v.exposed)).toEqual(r.variants.map((v) => v.exposed));
    expect(r.overTime[0]!.srm.flagged).toBe(false);
    expect(last.srm.flagged).toBe(true);
    expect(last.srm.pValue).toBeCloseTo(r.srm.pValue, 12);
  });

  it('is empty when the users carry no exposure times', () => {
    expect(analyzeExperiment(nudge, arm('control', 10, 1)).overTime).toEqual([]);
  });
});

describe('sampleRatioMismatch', () => {
  it('matches the closed form for three arms: p = exp(−χ²/2)', () => {
    // Expected 500/250/250: (550−500)²/500 + (220−250)²/250 + (230−250)²/250 = 5 + 3.6 + 1.6 = 10.2.
    const r = sampleRatioMismatch([550, 220, 230], [2, 1, 1]);
    expect(r.chiSquared).toBeCloseTo(10.2, 10);
    expect(r.pValue).toBeCloseTo(Math.exp(-5.1), 10);
  });
});
