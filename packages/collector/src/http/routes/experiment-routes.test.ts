import { DAY_MS, assignVariant, type Nudge, type PulseConfig } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { mulberry32, twoProportions } from '../../../test/stats-reference.js';
import type { Collector } from '../../create-collector.js';
import type { ExperimentResults } from '../../experiments/experiment-results.js';
import { cupedLift } from '../../experiments/stats/cuped.js';
import { addObservation, emptyMoments } from '../../experiments/stats/moments.js';

const NUDGE: Nudge = {
  ...(SAAS_CONFIG.nudges![0] as Nudge),
  analysis: { guardrailEvents: ['Subscription Cancelled'], minDetectableEffect: 0.05 },
};
const CONFIG: PulseConfig = { ...SAAS_CONFIG, nudges: [NUDGE] };
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();

interface Truth {
  variant: string;
  converted: boolean;
  cancelled: boolean;
  projects: number;
  invitesBefore: number;
  exposed: number;
}

/**
 * 1,000 users exposed 4 to 19 days ago. Each made 0–3 projects the day before exposure (their
 * score at exposure) and maybe invited someone in the two weeks before (the goal count); social
 * converts more, helped by the projects, and cancels more.
 */
async function simulate(c: Collector): Promise<Truth[]> {
  const random = mulberry32(21);
  const truth: Truth[] = [];
  let batch: unknown[] = [];
  for (let i = 0; i < 1000; i++) {
    const userId = `exp-${i}`;
    const variant = assignVariant(NUDGE, userId)!.id;
    const exposed = 4 + (i % 16);
    const projects = Math.floor(random() * 4);
    const invitesBefore = random() < 0.2 ? 1 : 0;
    const converted = random() < (variant === 'social' ? 0.25 : 0.08) + projects * 0.05;
    const cancelled = random() < (variant === 'social' ? 0.15 : 0.02);
    truth.push({ variant, converted, cancelled, projects, invitesBefore, exposed });
    for (let p = 0; p < projects; p++) batch.push(trackEvent({ userId, timestamp: at(exposed + 1) }));
    if (invitesBefore) batch.push(trackEvent({ userId, event: 'Teammate Invited', timestamp: at(exposed + 3) }));
    batch.push(
      trackEvent({
        userId,
        event: 'Nudge Eligible',
        properties: { nudgeId: NUDGE.id, variant },
        timestamp: at(exposed),
      }),
    );
    if (converted) batch.push(trackEvent({ userId, event: 'Teammate Invited', timestamp: at(exposed - 2) }));
    if (cancelled) batch.push(trackEvent({ userId, event: 'Subscription Cancelled', timestamp: at(exposed - 1) }));
    if (batch.length >= 400) {
      expect((await postBatch(c, batch)).statusCode).toBe(200);
      batch = [];
    }
  }
  if (batch.length > 0) expect((await postBatch(c, batch)).statusCode).toBe(200);
  return truth;
}

for (const backend of backends()) {
  describe(`GET /v1/experiments/{nudgeId}/results on ${backend.name}`, () => {
    let c: Collector;
    let truth: Truth[];
    let results: ExperimentResults;
    const admin = (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });

    beforeAll(async () => {
      c = await startCollector(backend, { config: CONFIG, now: () => NOW });
      truth = await simulate(c);
      results = (await admin('/v1/experiments/invite-nudge/results')).json();
    }, 120_000);
    afterAll(async () => {
      await c.close();
      await backend.cleanup();
    });

    it('keeps the fixed-horizon fields: counts, lift, Wald interval and z-test p-value', () => {
      const count = (v: string, f: (t: Truth) => boolean) => truth.filter((t) => t.variant === v && f(t)).length;
      const [nc, xc] = [count('control', () => true), count('control', (t) => t.converted)];
      const [nt, xt] = [count('social', () => true), count('social', (t) => t.converted)];
      expect(results.variants.map((v) => [v.exposed, v.converted])).toEqual([
        [nc, xc],
        [nt, xt],
      ]);
      const reference = twoProportions(xc, nc, xt, nt);
      const social = results.variants[1]!;
      expect(social.lift).toBeCloseTo(reference.lift, 12);
      expect(social.liftCi![0]).toBeCloseTo(reference.ci[0]!, 9);
      expect(social.liftCi![1]).toBeCloseTo(reference.ci[1]!, 9);
      expect(social.pValue).toBeCloseTo(reference.pValue, 9);
    });

    it('adjusts with each user’s score at exposure and goal count in the 14 days before', () => {
      // The SaaS model gives 4 of 150 points a project and 5 an invite, and no event was over 7 days
      // before exposure (no inactivity): the score at exposure is round(100·(4n + 5i)/150).
      const arms = [emptyMoments(2), emptyMoments(2)];
      for (const t of truth) {
        const x = [Math.round((100 * (4 * t.projects + 5 * t.invitesBefore)) / 150), t.invitesBefore];
        addObservation(arms[t.variant === 'control' ? 0 : 1]!, t.converted ? 1 : 0, x);
      }
      const expected = cupedLift(arms[1]!, arms[0]!)!;
      const cuped = results.variants[1]!.cuped!;
      expect(cuped.theta[0]).toBeCloseTo(expected.theta[0]!, 12);
      expect(cuped.theta[1]).toBeCloseTo(expected.theta[1]!, 12);
      expect(cuped.lift).toBeCloseTo(expected.lift, 12);
      expect(cuped.varianceReduction).toBeGreaterThan(0.01);
      expect(results.verdict.basis).toBe('sequential-cuped');
    });

    it('says "better but harms" for the configured guardrail event', () => {
      const cancelled = (v: string) => truth.filter((t) => t.variant === v && t.cancelled).length;
      const g = results.variants[1]!.guardrails.find((x) => x.id === 'event:Subscription Cancelled')!;
      expect(g.value! * results.variants[1]!.exposed).toBeCloseTo(cancelled('social'), 9);
      expect(g.harmed).toBe(true);
      expect(results.verdict.kind).toBe('better-but-harms');
      expect(results.verdict.text).toContain('but harms Subscription Cancelled');
      expect(results.method.guardrailEvents).toEqual(['Subscription Cancelled']);
    });

    it('gives the Bayesian view and a series from the first exposure day to today', () => {
      expect(results.variants[1]!.bayesian.chanceToBeatControl).toBeGreaterThan(0.99);
      expect(results.overTime.map((d) => d.day)).toEqual(
        Array.from({ length: 20 }, (_, i) => new Date(NOW - (19 - i) * DAY_MS).toISOString().slice(0, 10)),
      );
      expect(results.overTime.at(-1)!.variants.map((v) => v.exposed)).toEqual(results.variants.map((v) => v.exposed));
    });

    it('plans with the nudge’s MDE, or with ?mde= and ?power=', async () => {
      expect(results.planning).toMatchObject({ minDetectableEffect: 0.05, power: 0.8, exposures: 1000 });
      // The recent rate is over the last 7 days: exposures 4, 5 and 6 days ago.
      const recent = truth.filter((t) => t.exposed < 7).length;
      expect(recent).toBeGreaterThan(100);
      expect(results.planning!.exposuresPerDay).toBeCloseTo(recent / 7, 9);
      const asked = (await admin('/v1/experiments/invite-nudge/results?mde=0.01&power=0.9')).json();
      expect(asked.planning).toMatchObject({ minDetectableEffect: 0.01, power: 0.9 });
      expect(asked.planning.required.sequential).toBeGreaterThan(results.planning!.required!.sequential);
    });

    it('refuses planning options out of range, saying which', async () => {
      const bad = await admin('/v1/experiments/invite-nudge/results?mde=2');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toBe('mde: must be a number above 0 and below 1');
      const power = await admin('/v1/experiments/invite-nudge/results?power=high');
      expect(power.statusCode).toBe(400);
      expect(power.json().error).toBe('power: must be a number from 0.5 to below 1');
    });

    it('checks the secret key before the query', async () => {
      const res = await c.app.inject({ url: '/v1/experiments/invite-nudge/results?mde=2' });
      expect(res.statusCode).toBe(401);
    });

    it('lists every experiment with the same results', async () => {
      const { experiments } = (await admin('/v1/experiments')).json();
      expect(experiments).toHaveLength(1);
      expect(experiments[0].verdict).toEqual(results.verdict);
    });
  });
}
