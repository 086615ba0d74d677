import { DAY_MS, assignVariant, type Nudge } from '@pulse/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import type { Collector } from '../../create-collector.js';
import { mulberry32, twoProportions } from '../../../test/stats-reference.js';

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

const admin = (url: string, key = c.secretKey) => c.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();

describe('admin API', () => {
  it('refuses requests without the secret key', async () => {
    for (const url of ['/v1/admin/overview', '/v1/admin/funnel', '/v1/admin/trend', '/v1/experiments']) {
      expect((await admin(url, c.writeKey)).statusCode).toBe(401);
    }
  });

  it('summarises identified users by score bucket and band', async () => {
    await postBatch(c, [
      trackEvent({ userId: 'a', timestamp: at(1) }),
      ...Array.from({ length: 30 }, () =>
        trackEvent({ userId: 'b', event: 'Session Ended', properties: { minutes: 10 }, timestamp: at(1) }),
      ),
      trackEvent({ userId: null, anonymousId: 'visitor', timestamp: at(1) }),
    ]);
    const o = (await admin('/v1/admin/overview')).json();
    expect(o.users).toBe(2);
    expect(o.bands.map((b: { id: string; count: number }) => [b.id, b.count])).toEqual([
      ['low', 2],
      ['medium', 0],
      ['high', 0],
    ]);
    expect(o.histogram.reduce((s: number, h: { count: number }) => s + h.count, 0)).toBe(2);
  });

  it('counts milestone completions for the funnel', async () => {
    await postBatch(c, [
      trackEvent({ userId: 'a', timestamp: at(1) }),
      trackEvent({ userId: 'b', timestamp: at(1) }),
      trackEvent({ userId: 'b', event: 'Teammate Invited', timestamp: at(1) }),
    ]);
    const f = (await admin('/v1/admin/funnel')).json();
    expect(f.total).toBe(2);
    expect(f.milestones.map((m: { id: string; completed: number }) => [m.id, m.completed])).toEqual([
      ['first-project', 2],
      ['invite', 1],
    ]);
  });

  it("shows a user's state and latest events, newest first", async () => {
    await postBatch(c, [
      trackEvent({ userId: 'a', timestamp: at(2) }),
      trackEvent({ userId: 'a', event: 'Teammate Invited', timestamp: at(1) }),
    ]);
    const u = (await admin('/v1/admin/users/a')).json();
    expect(u.state.contributions.find((x: { signal: string }) => x.signal === 'invites').points).toBe(5);
    expect(u.events.map((e: { event: string }) => e.event)).toEqual(['Teammate Invited', 'Project Created']);
    expect((await admin('/v1/admin/users/nobody')).statusCode).toBe(404);
  });

  it('rejects a nonsensical trend window', async () => {
    for (const url of ['/v1/admin/trend?days=0', '/v1/admin/churn-risk?days=week']) {
      const res = await admin(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'days: must be a whole number from 1 to 365' });
    }
    expect((await admin('/v1/admin/trend?days=7')).json().days).toHaveLength(7);
    expect((await admin('/v1/admin/trend')).json().days).toHaveLength(30);
  });
});

describe('GET /v1/experiments/{nudgeId}/results through real ingestion', () => {
  const nudge = SAAS_CONFIG.nudges?.find((n) => n.id === 'invite-nudge') as Nudge;

  /** Users with known true conversion rates; returns the ground truth per variant. */
  async function simulate(users: number, rates: Record<string, number>, skewTo?: string) {
    const random = mulberry32(7);
    const truth: Record<string, { exposed: number; converted: number }> = {
      control: { exposed: 0, converted: 0 },
      social: { exposed: 0, converted: 0 },
    };
    let batch: unknown[] = [];
    for (let i = 0; i < users; i++) {
      const userId = `sim-${i}`;
      // A skewed assignment drops a share of the other arm's users, as a buggy client would.
      const variant = assignVariant(nudge, userId)?.id as string;
      if (skewTo !== undefined && variant !== skewTo && random() < 0.2) continue;
      const converts = random() < (rates[variant] as number);
      truth[variant]!.exposed += 1;
      if (converts) truth[variant]!.converted += 1;
      batch.push(
        trackEvent({ userId, event: 'Nudge Eligible', properties: { nudgeId: nudge.id, variant }, timestamp: at(10) }),
      );
      if (converts) batch.push(trackEvent({ userId, event: 'Teammate Invited', timestamp: at(8) }));
      else if (random() < 0.3) batch.push(trackEvent({ userId, event: 'Teammate Invited', timestamp: at(1) })); // after the 7-day window
      if (batch.length >= 400) {
        expect((await postBatch(c, batch)).statusCode).toBe(200);
        batch = [];
      }
    }
    if (batch.length > 0) expect((await postBatch(c, batch)).statusCode).toBe(200);
    return truth;
  }

  it('reports the simulated exposures and conversions, and rates, CI and p-value matching an independent computation', async () => {
    const truth = await simulate(1200, { control: 0.1, social: 0.14 });
    const r = (await admin('/v1/experiments/invite-nudge/results')).json();
    for (const id of ['control', 'social']) {
      const v = r.variants.find((x: { id: string }) => x.id === id);
      expect([v.exposed, v.converted]).toEqual([truth[id]!.exposed, truth[id]!.converted]);
      expect(v.rate).toBeCloseTo(truth[id]!.converted / truth[id]!.exposed, 12);
    }
    const [c0, s0] = [truth.control!, truth.social!];
    const reference = twoProportions(c0.converted, c0.exposed, s0.converted, s0.exposed);
    const social = r.variants.find((x: { id: string }) => x.id === 'social');
    expect(social.lift).toBeCloseTo(reference.lift, 12);
    expect(social.liftCi[0]).toBeCloseTo(reference.ci[0]!, 9);
    expect(social.liftCi[1]).toBeCloseTo(reference.ci[1]!, 9);
    expect(social.pValue).toBeCloseTo(reference.pValue, 9);
    expect(r.srm.flagged).toBe(false);
  });

  it('trips the sample-ratio-mismatch flag on a skewed assignment and gives no verdict', async () => {
    await simulate(1200, { control: 0.1, social: 0.2 }, 'social');
    const r = (await admin('/v1/experiments/invite-nudge/results')).json();
    expect(r.srm.flagged).toBe(true);
    expect(r.verdict.kind).toBe('srm');
  });

  it('answers 404 for a nudge that is not configured', async () => {
    expect((await admin('/v1/experiments/nope/results')).statusCode).toBe(404);
  });
});

describe('GET /v1/dev/token/{userId}', () => {
  it('does not exist unless enabled', async () => {
    expect((await c.app.inject({ url: '/v1/dev/token/a' })).statusCode).toBe(404);
  });

  it('hands out identity tokens when enabled in development mode', async () => {
    const dev = await startCollector(backend, { config: SAAS_CONFIG, dev: true, devTokens: true });
    try {
      const res = await dev.app.inject({ url: '/v1/dev/token/a' });
      const state = await dev.app.inject({
        url: '/v1/users/a/state',
        headers: { 'x-pulse-user-token': res.json().token },
      });
      expect(state.statusCode).toBe(200);
    } finally {
      await dev.close();
    }
  });
});

describe('experiment lifecycle through PUT /v1/admin/config', () => {
  const put = (config: unknown) =>
    c.app.inject({
      method: 'PUT',
      url: '/v1/admin/config',
      headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify(config),
    });
  const withInvite = (patch: Partial<Nudge>) => ({
    ...SAAS_CONFIG,
    nudges: SAAS_CONFIG.nudges?.map((n) => (n.id === 'invite-nudge' ? { ...n, ...patch } : n)),
  });
  const decisions = async (users: string[]) => {
    const out: Record<string, { reason: string; variant: string | null }> = {};
    for (const u of users) {
      const d = (await admin(`/v1/users/${u}/state`))
        .json()
        .nudges.find((n: { nudgeId: string }) => n.nudgeId === 'invite-nudge');
      out[u] = { reason: d.reason, variant: d.variant?.id ?? null };
    }
    return out;
  };

  it('pauses, resumes without reshuffling, and concludes with the winner for everyone', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `life-${i}`);
    await postBatch(
      c,
      users.map((userId) => trackEvent({ userId, timestamp: at(1) })),
    );
    const running = await decisions(users);
    expect(new Set(Object.values(running).map((d) => d.variant))).toEqual(new Set(['control', 'social']));

    expect((await put(withInvite({ status: 'paused' }))).statusCode).toBe(200);
    expect(Object.values(await decisions(users)).every((d) => d.reason === 'paused' && d.variant === null)).toBe(true);

    expect((await put(withInvite({ status: 'running' }))).statusCode).toBe(200);
    expect(await decisions(users)).toEqual(running);

    expect((await put(withInvite({ status: 'concluded', winner: 'social' }))).statusCode).toBe(200);
    expect(Object.values(await decisions(users)).every((d) => d.variant === 'social')).toBe(true);
  });

  it('refuses to conclude without a winner that is one of the variants', async () => {
    const res = await put(withInvite({ status: 'concluded', winner: 'nope' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('nudges[0].winner');
  });
});
