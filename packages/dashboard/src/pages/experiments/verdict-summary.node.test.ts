import type { ExperimentResults, VariantResult } from '@pulse/collector/contract';
import { describe, expect, it } from 'vitest';
import { planningSentence, summarizeVerdict } from './verdict-summary.js';

function arm(id: string, exposed: number, converted: number, extra: Partial<VariantResult> = {}): VariantResult {
  return {
    id,
    control: id === 'control',
    weight: 0.5,
    exposed,
    converted,
    rate: converted / exposed,
    rateCi: null,
    lift: null,
    liftCi: null,
    relativeLift: null,
    pValue: null,
    meanScoreChange: null,
    fixedHorizon: null,
    sequential: null,
    cuped: null,
    decision: null,
    bayesian: {
      posterior: { alpha: 1, beta: 1, mean: 0, ci: [0, 1] },
      chanceToBeBest: null,
      expectedLoss: null,
      chanceToBeatControl: null,
      lift: null,
      liftCi: null,
    },
    guardrails: [],
    ...extra,
  };
}

const decision = (lift: number, ci: [number, number]) => ({
  basis: 'sequential-cuped' as const,
  lift,
  ci,
  pValue: 0.01,
  adjustedPValue: 0.01,
  significant: ci[0] > 0 || ci[1] < 0,
});

function results(over: Partial<ExperimentResults>): ExperimentResults {
  return {
    nudgeId: 'invite-nudge',
    description: null,
    goal: { event: 'Teammate Invited', withinDays: 7 },
    status: 'running',
    confidence: 0.95,
    controlId: 'control',
    variants: [arm('control', 1000, 130), arm('social', 1000, 200, { decision: decision(0.07, [0.022, 0.117]) })],
    srm: { chiSquared: 0, pValue: 1, flagged: false, threshold: 0.001 },
    verdict: { kind: 'better', variant: 'social', text: '', basis: 'sequential-cuped', harms: [], bayesianText: '' },
    method: {
      verdictBasis: 'sequential-cuped',
      sequential: { method: 'asymptotic-confidence-sequence', tuningExposures: 5000, rho2: 0.0016 },
      multipleComparisons: { method: 'holm', comparisons: 1 },
      prior: { alpha: 1, beta: 1 },
      cuped: { covariates: ['scoreAtExposure', 'goalCountBefore'], preExposureDays: 14 },
      guardrailEvents: [],
    },
    planning: null,
    overTime: [],
    ...over,
  };
}

const planning = {
  minDetectableEffect: 0.05,
  power: 0.8,
  alpha: 0.025,
  baselineRate: 0.9,
  varianceFactor: 1,
  exposures: 290,
  required: { sequential: 2990, fixedHorizon: 1578 },
  remaining: { sequential: 2700.4, fixedHorizon: 1288 },
  exposuresPerDay: 48.2,
  daysRemaining: { sequential: 56.1, fixedHorizon: 27 },
  detectableEffectNow: { sequential: 0.2, fixedHorizon: 0.097 },
};

describe('summarizeVerdict', () => {
  it('names the winner, the goal, the lift and its always-valid interval, and says it is safe to call', () => {
    const s = summarizeVerdict(results({}));
    expect(s.tone).toBe('good');
    expect(s.headline).toBe(
      'social raises Teammate Invited by 7.0 points (95% always-valid interval +2.2 to +11.7). Safe to call: the interval stays valid however often you look.',
    );
    expect(s.details[0]).toBe(
      'Within 7 days of exposure, 20% of users in social did Teammate Invited, against 13% in control.',
    );
  });

  it('says a broken split blocks everything, with the counts seen and expected', () => {
    const s = summarizeVerdict(
      results({
        variants: [arm('control', 300, 30), arm('social', 200, 20)],
        srm: { chiSquared: 20, pValue: 0.0000077, flagged: true, threshold: 0.001 },
        verdict: { kind: 'srm', variant: null, text: '', basis: 'sequential', harms: [], bayesianText: '' },
      }),
    );
    expect(s.tone).toBe('bad');
    expect(s.headline).toMatch(/^This test is broken/);
    expect(s.details[0]).toBe(
      'Users seen per variant: control 300 (expected about 250), social 200 (expected about 250). A split this uneven happens by chance about once in 130,000 tests.',
    );
  });

  it('turns too little data into exposures and days still needed, from the planning numbers', () => {
    const s = summarizeVerdict(
      results({
        planning,
        verdict: {
          kind: 'not-enough-data',
          variant: null,
          text: 'Not enough data yet: each arm needs 100 exposed users and 10 conversions in all.',
          basis: 'sequential',
          harms: [],
          bayesianText: '',
        },
      }),
    );
    expect(s.tone).toBe('wait');
    expect(s.details).toEqual([
      'Each arm needs 100 exposed users and 10 conversions in all.',
      'So far: control 1,000, social 1,000 exposed users, 330 conversions.',
      'About 2,701 more exposures are needed to detect a lift of 5.0 points with 80% power, about 57 days at the current 49 a day.',
    ]);
  });

  it('without a minimum detectable effect, says the smallest lift the data can show now', () => {
    const p = { ...planning, minDetectableEffect: null, required: null, remaining: null, daysRemaining: null };
    expect(planningSentence(results({ planning: p }))).toBe(
      'With the data so far, only a lift of about 20.0 points or more would show.',
    );
  });

  it('warns when the winner harms a guardrail, naming the harm', () => {
    const harm = {
      variant: 'social',
      guardrail: 'event:Project Deleted',
      text: 'Project Deleted +3.0 pts, 95% always-valid CI [+1.0, +5.0]',
    };
    const s = summarizeVerdict(
      results({
        verdict: {
          kind: 'better-but-harms',
          variant: 'social',
          text: '',
          basis: 'sequential-cuped',
          harms: [harm],
          bayesianText: '',
        },
      }),
    );
    expect(s.tone).toBe('warn');
    expect(s.headline).toMatch(/But it harms a guardrail/);
    expect(s.details[0]).toBe(`Harms ${harm.text}.`);
  });

  it('reports no difference with the plausible range and keeps the test running', () => {
    const s = summarizeVerdict(
      results({
        variants: [arm('control', 1000, 130), arm('social', 1000, 140, { decision: decision(0.01, [-0.03, 0.05]) })],
        verdict: {
          kind: 'inconclusive',
          variant: null,
          text: '',
          basis: 'sequential-cuped',
          harms: [],
          bayesianText: '',
        },
      }),
    );
    expect(s.headline).toBe(
      'No difference detected yet on Teammate Invited. Keep it running; the interval stays valid however often you look.',
    );
    expect(s.details).toEqual([
      'Best guess for social: 1.0 points up, but anything from −3.0 to +5.0 points is still plausible.',
    ]);
  });
});
