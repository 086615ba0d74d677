import { DAY_MS, type PulseConfig, type ScoringModel } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../support.js';
import { NOW } from '../../../core/test/saas-config.js';

const model = (id: string, weight: number, extra: Partial<ScoringModel> = {}): ScoringModel => ({
  id,
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'high', min: 50 },
  ],
  ...extra,
});

const LIFECYCLE_CONFIG: PulseConfig = {
  models: [
    model('dormant', 1, { lifecycle: { minDaysInactive: 21 } }),
    model('trial', 20, { lifecycle: { traits: [{ property: 'plan', equals: 'trial' }], maxDaysSinceFirstSeen: 14 } }),
    model('active', 10),
  ],
};

const iso = (day: number) => new Date(NOW + day * DAY_MS).toISOString();

for (const backend of backends()) {
  describe(`lifecycle models on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('moves a user trial → active → dormant → active by the rules, records each move and shows it', async () => {
      let day = 0;
      const c = await startCollector(backend, { config: LIFECYCLE_CONFIG, now: () => NOW + day * DAY_MS });
      const admin = (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });
      await postBatch(c, [
        { type: 'identify', userId: 'l1', traits: { plan: 'trial' }, messageId: 'l1-id', timestamp: iso(0) },
        trackEvent({ userId: 'l1', timestamp: iso(0) }),
      ]);
      expect((await c.store.getUser(c.project, 'u:l1'))?.modelId).toBe('trial');

      // Day 15: the trial rule no longer holds; the event that arrives moves the user at ingestion.
      day = 15;
      await postBatch(c, [trackEvent({ userId: 'l1', timestamp: iso(15) })]);
      expect((await c.store.getUser(c.project, 'u:l1'))?.modelId).toBe('active');

      // Day 40: 25 days without an event; the recompute finds the user dormant.
      day = 40;
      expect((await c.recompute()).modelChanges).toBe(1);
      const state = (await admin('/v1/users/l1/state')).json();
      expect(state.modelId).toBe('dormant');

      // Day 41: the user is back.
      day = 41;
      await postBatch(c, [trackEvent({ userId: 'l1', timestamp: iso(41) })]);
      const u = (await admin('/v1/admin/users/l1')).json();
      expect(u.state.modelId).toBe('active');
      expect(u.lifecycle).toEqual([
        { from: 'trial', to: 'active', at: iso(15) },
        { from: 'active', to: 'dormant', at: iso(40) },
        { from: 'dormant', to: 'active', at: iso(41) },
      ]);
      await c.close();
    });

    it('records no move for a first score, nor when the model stays', async () => {
      let day = 0;
      const c = await startCollector(backend, { config: LIFECYCLE_CONFIG, now: () => NOW + day * DAY_MS });
      await postBatch(c, [trackEvent({ userId: 'l2', timestamp: iso(0) })]);
      day = 10;
      await postBatch(c, [trackEvent({ userId: 'l2', timestamp: iso(10) })]);
      expect((await c.recompute()).modelChanges).toBe(0);
      expect(await c.store.lifecycleHistory(c.project, 'u:l2')).toEqual([]);
      expect((await c.store.getUser(c.project, 'u:l2'))?.modelId).toBe('active');
      await c.close();
    });
  });
}
