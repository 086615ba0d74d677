import { userState, utcDay } from '@pulse/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { identityToken } from '../../auth/identity-token.js';
import type { Collector } from '../../create-collector.js';

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

const getState = (userId: string, headers: Record<string, string>) =>
  c.app.inject({ url: `/v1/users/${encodeURIComponent(userId)}/state`, headers });

describe('GET /v1/users/{userId}/state', () => {
  it("answers exactly core's userState plus the trend, with the identity token", async () => {
    await postBatch(c, [
      trackEvent({ userId: 'u1' }),
      { type: 'identify', userId: 'u1', traits: { name: 'Ada' }, messageId: 'i' },
    ]);
    const res = await getState('u1', { 'x-pulse-user-token': identityToken(c.secretKey, 'u1') });
    expect(res.statusCode).toBe(200);
    const user = await c.store.getUser(c.project, 'u:u1');
    const expected = userState({
      config: SAAS_CONFIG,
      rollups: user!.rollups,
      traits: user!.traits,
      userKey: 'u1',
      now: NOW,
    });
    expect(res.json()).toEqual({
      ...JSON.parse(JSON.stringify(expected)),
      trend: { score7dAgo: null, score30dAgo: null },
    });
  });

  it('serves a customer id far longer than a router default (an email or URN of 300 characters)', async () => {
    const long = `urn:example:user:${'x'.repeat(280)}@example.com`;
    await postBatch(c, [trackEvent({ userId: long })]);
    const res = await getState(long, { 'x-pulse-user-token': identityToken(c.secretKey, long) });
    expect(res.statusCode).toBe(200);
    expect(res.json().score).toBeGreaterThan(0);
  });

  it('includes eligible nudges with the assigned variant', async () => {
    await postBatch(c, [trackEvent({ userId: 'u1' })]);
    const res = await getState('u1', { authorization: `Bearer ${c.secretKey}` });
    expect(res.json().nudges[0]).toMatchObject({
      nudgeId: 'invite-nudge',
      eligible: true,
      variant: { id: expect.any(String) },
    });
  });

  it('reads score 7 and 30 days ago from history', async () => {
    const today = utcDay(NOW);
    await c.store.transaction((tx) =>
      tx.recordScores(c.project, [
        { userKey: 'u:u1', scoreId: 'engagement', day: today - 40, modelId: 'saas', score: 10, band: 'low' },
        { userKey: 'u:u1', scoreId: 'engagement', day: today - 9, modelId: 'saas', score: 45, band: 'medium' },
      ]),
    );
    const res = await getState('u1', { authorization: `Bearer ${c.secretKey}` });
    expect(res.json().trend).toEqual({ score7dAgo: 45, score30dAgo: 10 });
  });

  it('serves long user ids', async () => {
    const id = `user-${'x'.repeat(300)}@example.com`;
    const res = await getState(id, { 'x-pulse-user-token': identityToken(c.secretKey, id) });
    expect(res.json().userKey).toBe(id);
  });

  it('gives an unknown user the empty state', async () => {
    const res = await getState('nobody', { authorization: `Bearer ${c.secretKey}` });
    expect(res.json()).toMatchObject({ userKey: 'nobody', score: 0, points: 0 });
  });

  it("refuses one user's token for another user", async () => {
    const res = await getState('u2', { 'x-pulse-user-token': identityToken(c.secretKey, 'u1') });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'invalid user token for user "u2"' });
  });

  it('refuses a request without credentials', async () => {
    const res = await getState('u1', {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatch(/^missing credentials/);
  });

  it('refuses the write key in place of the secret key', async () => {
    const res = await getState('u1', { authorization: `Bearer ${c.writeKey}` });
    expect(res.statusCode).toBe(401);
  });

  it('allows the X-Pulse-User-Token header in CORS preflights', async () => {
    const res = await c.app.inject({
      method: 'OPTIONS',
      url: '/v1/users/u1/state',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-pulse-user-token',
      },
    });
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('x-pulse-user-token');
  });
});

describe('GET /v1/groups/{groupId}/state', () => {
  it("answers the mean of the members' scores and the member count", async () => {
    await postBatch(c, [
      { type: 'group', userId: 'a', groupId: 'acme', messageId: 'g1' },
      { type: 'group', userId: 'b', groupId: 'acme', messageId: 'g2' },
      ...Array.from({ length: 5 }, () => trackEvent({ userId: 'a' })),
    ]);
    const res = await c.app.inject({
      url: '/v1/groups/acme/state',
      headers: { authorization: `Bearer ${c.secretKey}` },
    });
    // a: 5 projects × 4 = 20 points of 150 → 13; b: 0 → mean 6.5
    expect(res.json()).toEqual({
      groupId: 'acme',
      memberCount: 2,
      score: 6.5,
      bands: { low: 2 },
      asOf: new Date(NOW).toISOString(),
    });
  });

  it('answers 404 for a group without members', async () => {
    const res = await c.app.inject({
      url: '/v1/groups/none/state',
      headers: { authorization: `Bearer ${c.secretKey}` },
    });
    expect(res.statusCode).toBe(404);
  });

  it('requires the secret key', async () => {
    const res = await c.app.inject({ url: '/v1/groups/acme/state', headers: { 'x-pulse-user-token': 'x' } });
    expect(res.statusCode).toBe(401);
  });
});
