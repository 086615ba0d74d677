import { DAY_MS } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import type { Collector } from '../../create-collector.js';
import { exportUsers } from '../../analytics/export-users.js';

const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();
const eligible = (userId: string, variant: string) =>
  trackEvent({ userId, event: 'Nudge Eligible', properties: { nudgeId: 'invite-nudge', variant }, timestamp: at(5) });

/** A user with a bit of everything: an anonymous past, a group, an experiment exposure, a pending webhook. */
async function seed(c: Collector, userId: string, anonymousId: string): Promise<void> {
  await postBatch(c, [
    trackEvent({ userId: null, anonymousId, timestamp: at(6) }),
    { type: 'identify', userId, anonymousId, traits: { email: `${userId}@example.com` }, messageId: `id-${userId}` },
    { type: 'group', userId, groupId: 'acme', messageId: `g-${userId}`, timestamp: at(6) },
    eligible(userId, 'social'),
    ...Array.from({ length: 18 }, () => trackEvent({ userId, timestamp: at(4) })),
  ]);
  // 18 projects → medium; three failed payments → low: a band change waiting in the outbox.
  await postBatch(
    c,
    Array.from({ length: 3 }, () => trackEvent({ userId, event: 'Payment Failed', timestamp: at(1) })),
  );
}

async function exported(c: Collector): Promise<string> {
  let text = '';
  await exportUsers(c.context, { format: 'ndjson', write: (chunk) => (text += chunk) });
  return text;
}

for (const backend of backends()) {
  describe(`DELETE /v1/admin/users/{userId} on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('erases the user and leaves nothing of them readable through any endpoint', async () => {
      const c = await startCollector(backend, {
        config: SAAS_CONFIG,
        now: () => NOW,
        webhooks: ['http://127.0.0.1:1/hook'],
      });
      const get = (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });
      await seed(c, 'erase-me', 'anon-erase');
      await seed(c, 'keep-me', 'anon-keep');
      const results = async () => (await get('/v1/experiments/invite-nudge/results')).json().variants;
      const exposed = async () => (await results()).reduce((s: number, v: { exposed: number }) => s + v.exposed, 0);
      expect(await exposed()).toBe(2);
      expect((await get('/v1/admin/overview')).json().users).toBe(2);
      expect((await get('/v1/groups/acme/state')).json().memberCount).toBe(2);
      expect(await exported(c)).toContain('erase-me');

      const res = await c.app.inject({
        method: 'DELETE',
        url: '/v1/admin/users/erase-me',
        headers: { authorization: `Bearer ${c.secretKey}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        userId: 'erase-me',
        erased: {
          events: 25,
          identities: 1,
          scoreHistory: 1,
          lifecycle: 0,
          memberships: 1,
          links: 1,
          webhooks: 1,
        },
      });

      const state = (await get('/v1/users/erase-me/state')).json();
      expect(state.score).toBe(0);
      expect(state.rollup.firstSeen).toBeNull();
      expect(state.milestones.done).toBe(0);
      expect(state.trend).toEqual({ score7dAgo: null, score30dAgo: null });
      expect((await get('/v1/admin/users/erase-me')).statusCode).toBe(404);
      expect(await exposed()).toBe(1);
      expect((await get('/v1/admin/overview')).json().users).toBe(1);
      expect((await get('/v1/groups/acme/state')).json().memberCount).toBe(1);
      const text = await exported(c);
      expect(text).not.toContain('erase-me');
      expect(text).toContain('keep-me');
      const events = await c.store.listEvents(c.project, 0, 1000);
      expect(events.filter((e) => e.body.includes('erase')).length).toBe(0);
      expect(events.length).toBe(25);
      const outbox = await c.store.claimWebhooks(Date.now() + 1, 100, 60_000);
      // Account deliveries (acme's band moved as its members' did) name no user and stay.
      const about = outbox.map((w) => JSON.parse(w.payload) as { type: string; userId?: string });
      expect(about.filter((p) => p.type !== 'account.band_changed').map((p) => p.userId)).toEqual(['keep-me']);
      expect(about.filter((p) => p.type === 'account.band_changed').every((p) => p.userId === undefined)).toBe(true);
      await c.close();
    });

    it('needs the secret key', async () => {
      const c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
      await postBatch(c, [trackEvent({ userId: 'x1' })]);
      for (const authorization of [undefined, `Bearer ${c.writeKey}`]) {
        const res = await c.app.inject({
          method: 'DELETE',
          url: '/v1/admin/users/x1',
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(res.statusCode).toBe(401);
      }
      expect(await c.store.getUser(c.project, 'u:x1')).not.toBeNull();
      await c.close();
    });
  });
}
