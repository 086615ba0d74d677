import type { Nudge } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { inviteModel, SOCIAL_CONTENT } from '../../../../core/test/saas-config.js';
import type { Collector } from '../../create-collector.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;

const draft = (overrides: Partial<Nudge> = {}): Nudge => ({
  id: 'invite-trial',
  placement: 'banner',
  trigger: { segment: 'trial', milestoneIncomplete: 'invite' },
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'social', weight: 0.5, content: SOCIAL_CONTENT },
  ],
  goal: { event: 'Teammate Invited', withinDays: 7 },
  ...overrides,
});

for (const backend of backends()) {
  describe(`the nudge editor's API on ${backend.name}`, () => {
    let c: Collector;
    let now = NOW;
    const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, ifMatch?: number) =>
      c.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${c.secretKey}`,
          ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
        },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const version = () => c.context.configs.current().version;
    const stored = () => c.context.configs.current().document.nudges?.find((n) => n.id === 'invite-trial');
    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });

    it('estimates the audience of a draft: segment, milestone and band as the state decides them', async () => {
      c = await startCollector(backend, {
        config: {
          models: [inviteModel()],
          segments: [{ id: 'trial', name: 'Trial', filter: { 'trait.plan': 'trial' } }],
        },
        now: () => now,
      });
      const at = new Date(NOW - 3 * DAY).toISOString();
      await postBatch(c, [
        { type: 'identify', userId: 'a', traits: { plan: 'trial' }, timestamp: at, messageId: 'i1' },
        { type: 'identify', userId: 'b', traits: { plan: 'pro' }, timestamp: at, messageId: 'i2' },
        { type: 'identify', userId: 'c', traits: { plan: 'trial' }, timestamp: at, messageId: 'i3' },
        { type: 'identify', userId: 'd', traits: { plan: 'trial' }, timestamp: at, messageId: 'i4' },
        trackEvent({ userId: 'c', event: 'Teammate Invited', timestamp: at }),
      ]);
      const res = await call('POST', '/v1/admin/nudges/estimate', { nudge: draft() });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ eligible: 2, users: 4, excluded: { 'not-in-segment': 1, 'milestone-complete': 1 } });
      const narrower = await call('POST', '/v1/admin/nudges/estimate', {
        nudge: draft({ trigger: { segment: 'trial', minDaysSinceFirstSeen: 5 } }),
      });
      expect(narrower.json()).toEqual({ eligible: 0, users: 4, excluded: { 'not-in-segment': 1, 'too-new': 3 } });
      const bad = await call('POST', '/v1/admin/nudges/estimate', { nudge: draft({ trigger: { segment: 'nope' } }) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().issues).toContainEqual({
        path: 'nudges[0].trigger.segment',
        message: 'must name a segment of the config',
      });
    });

    it('creates a nudge as a draft in a new config version, shown to nobody', async () => {
      const before = version();
      const res = await call('PUT', '/v1/admin/nudges/invite-trial', draft(), before);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ version: before + 1, etag: `"${before + 1}"`, nudge: { status: 'draft' } });
      const state = (await call('GET', '/v1/users/a/state')).json();
      expect(state.nudges).toEqual([{ nudgeId: 'invite-trial', eligible: false, reason: 'draft', variant: null }]);
    });

    it('answers 412 on a stale If-Match and writes nothing', async () => {
      const before = version();
      const res = await call('PUT', '/v1/admin/nudges/invite-trial', draft({ placement: 'toast' }), before - 1);
      expect(res.statusCode).toBe(412);
      expect(res.json().currentVersion).toBe(before);
      expect([version(), stored()?.placement]).toEqual([before, 'banner']);
    });

    it('signs an expiring preview link whose draft only the link shows, and refuses altered or expired ones', async () => {
      const before = version();
      const link = await call('POST', '/v1/admin/nudges/preview-link', {
        nudge: draft({ placement: 'toast' }),
        variant: 'social',
        minutes: 30,
      });
      expect(link.statusCode, link.body).toBe(200);
      const { token, expiresAt, query } = link.json();
      expect([expiresAt, query]).toEqual([new Date(NOW + 30 * 60_000).toISOString(), `pulse_preview=${token}`]);
      const read = (t: string) => c.app.inject({ url: `/v1/preview/nudge?token=${encodeURIComponent(t)}` });
      const ok = await read(token);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().nudge).toEqual({
        id: 'invite-trial',
        placement: 'toast',
        status: 'running',
        trigger: {},
        variants: [{ id: 'social', weight: 1, content: SOCIAL_CONTENT }],
        goal: { event: 'Teammate Invited', withinDays: 7 },
        preview: true,
      });
      const [body, mac] = token.split('.');
      const altered = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), expiresAt: NOW * 2 }),
      ).toString('base64url');
      const forged = await read(`${altered}.${mac}`);
      expect([forged.statusCode, forged.json().error]).toEqual([401, expect.stringContaining('signature')]);
      now = NOW + 31 * 60_000;
      const expired = await read(token);
      expect([expired.statusCode, expired.json().error]).toEqual([401, expect.stringContaining('expired')]);
      now = NOW;
      const control = await call('POST', '/v1/admin/nudges/preview-link', { nudge: draft(), variant: 'control' });
      expect([control.statusCode, control.json().error]).toEqual([400, expect.stringContaining('control')]);
      expect(version()).toBe(before); // a preview writes no version
    });

    it('walks the lifecycle and refuses moves it does not allow', async () => {
      const early = await call('POST', '/v1/admin/nudges/invite-trial/status', {
        status: 'concluded',
        winner: 'social',
      });
      expect([early.statusCode, early.json().error]).toEqual([409, expect.stringContaining('draft')]);
      const launch = await call('POST', '/v1/admin/nudges/invite-trial/status', { status: 'running' }, version());
      expect(launch.statusCode, launch.body).toBe(200);
      expect((await call('GET', '/v1/users/a/state')).json().nudges[0]).toMatchObject({ eligible: true });
      // b is on another plan: outside the saved segment, whatever the rest of the audience says.
      expect((await call('GET', '/v1/users/b/state')).json().nudges[0]).toEqual({
        nudgeId: 'invite-trial',
        eligible: false,
        reason: 'segment',
        variant: null,
      });
      const pause = await call('POST', '/v1/admin/nudges/invite-trial/status', { status: 'paused' });
      expect(pause.json().nudge.status).toBe('paused');
      expect((await call('GET', '/v1/users/a/state')).json().nudges[0].reason).toBe('paused');
      await call('POST', '/v1/admin/nudges/invite-trial/status', { status: 'running' });
      const drop = await call('DELETE', '/v1/admin/nudges/invite-trial');
      expect(drop.statusCode).toBe(409);
    });

    it('asks before changing the variants of a running experiment, then records the restart point', async () => {
      const before = version();
      const reweighted = draft({
        variants: [
          { id: 'control', weight: 0.2, content: null },
          { id: 'social', weight: 0.8, content: SOCIAL_CONTENT },
        ],
      });
      const refused = await call('PUT', '/v1/admin/nudges/invite-trial', reweighted);
      expect([refused.statusCode, refused.json().error]).toEqual([
        409,
        expect.stringContaining('restarts the analysis'),
      ]);
      expect(version()).toBe(before);
      const copy = await call('PUT', '/v1/admin/nudges/invite-trial', draft({ placement: 'toast' }));
      expect(copy.json().nudge).not.toHaveProperty('restartedAt');
      now = NOW + DAY;
      const restarted = await call('PUT', '/v1/admin/nudges/invite-trial?restart=true', reweighted);
      expect(restarted.statusCode, restarted.body).toBe(200);
      expect(restarted.json().nudge).toMatchObject({
        status: 'running',
        restartedAt: new Date(NOW + DAY).toISOString(),
      });
      const status = await call('PUT', '/v1/admin/nudges/invite-trial', { ...reweighted, status: 'concluded' });
      expect([status.statusCode, status.json().error]).toEqual([400, expect.stringContaining('/status')]);
    });

    it('concludes with a winner everyone gets, after which the experiment cannot restart', async () => {
      const wrong = await call('POST', '/v1/admin/nudges/invite-trial/status', {
        status: 'concluded',
        winner: 'viral',
      });
      expect([wrong.statusCode, wrong.json().error]).toEqual([400, expect.stringContaining('control, social')]);
      const done = await call('POST', '/v1/admin/nudges/invite-trial/status', {
        status: 'concluded',
        winner: 'social',
      });
      expect(done.json().nudge).toMatchObject({ status: 'concluded', winner: 'social' });
      const d = (await call('GET', '/v1/users/d/state')).json().nudges[0];
      expect(d).toMatchObject({ eligible: true, variant: { id: 'social' } });
      const again = await call('POST', '/v1/admin/nudges/invite-trial/status', { status: 'running' });
      expect([again.statusCode, again.json().error]).toEqual([409, expect.stringContaining('ended')]);
    });

    it('deletes a draft, and stops a running nudge without a winner', async () => {
      await call('PUT', '/v1/admin/nudges/second', draft({ id: 'second' }));
      expect((await call('DELETE', '/v1/admin/nudges/second')).statusCode).toBe(204);
      expect(c.context.configs.current().document.nudges?.map((n) => n.id)).toEqual(['invite-trial']);
      await call('PUT', '/v1/admin/nudges/third', draft({ id: 'third' }));
      await call('POST', '/v1/admin/nudges/third/status', { status: 'running' });
      const stop = await call('POST', '/v1/admin/nudges/third/status', { status: 'stopped' });
      expect(stop.json().nudge).toMatchObject({ status: 'stopped' });
      expect(stop.json().nudge).not.toHaveProperty('winner');
      const a = (await call('GET', '/v1/users/a/state')).json().nudges;
      expect(a.find((n: { nudgeId: string }) => n.nudgeId === 'third').reason).toBe('stopped');
    });
  });
}
