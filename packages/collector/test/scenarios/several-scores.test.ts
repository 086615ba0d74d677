import type { PulseConfig, ScoringModel } from '@pulse/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../../src/create-collector.js';
import { backends, postBatch, startCollector, trackEvent } from '../support.js';

// One collector with two scores: engagement (the SaaS models) and a churn risk
// that rises with failed payments, end to end on every backend.

const churn: ScoringModel = {
  id: 'churn',
  windowDays: 30,
  signals: [{ id: 'failures', event: 'Payment Failed', weight: 40 }],
  scale: { maxPoints: 100 },
  bands: [
    { id: 'calm', min: 0 },
    { id: 'at-risk', min: 60 },
  ],
};
const config: PulseConfig = {
  scores: [
    { id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: SAAS_CONFIG.models! },
    { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', models: [churn] },
  ],
};
const HOOK = 'http://127.0.0.1:9/hook';

for (const backend of backends()) {
  describe(`several scores on ${backend.name}`, () => {
    let c: Collector;
    afterEach(() => c?.close());
    afterAll(() => backend.cleanup());
    const admin = async (url: string) => c.app.inject({ url, headers: { authorization: `Bearer ${c.secretKey}` } });

    it('answers every score in the state, the default one at the top level', async () => {
      c = await startCollector(backend, { config, now: () => NOW });
      await postBatch(c, [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u1', event: 'Payment Failed' })]);
      const state = (await admin('/v1/users/u1/state')).json();
      expect(state).toMatchObject({ scoreId: 'engagement', modelId: 'saas' });
      expect(state.scores.churnRisk).toMatchObject({
        scoreId: 'churnRisk',
        label: 'Churn risk',
        direction: 'higher-is-worse',
        modelId: 'churn',
        score: 40,
        band: 'calm',
        trend: { score7dAgo: null, score30dAgo: null },
      });
      expect(state.scores.engagement.score).toBe(state.score);
      const stored = await c.store.getUser(c.project, 'u:u1');
      expect(stored?.scores.churnRisk).toMatchObject({ score: 40, band: 'calm', modelId: 'churn' });
      expect(await c.store.scoreHistory(c.project, 'u:u1', 0, 'churnRisk')).toHaveLength(1);
    });

    it('names the score in a band-change webhook', async () => {
      c = await startCollector(backend, { config, now: () => NOW, webhooks: [HOOK] });
      await postBatch(c, [trackEvent({ userId: 'u2', event: 'Payment Failed', messageId: 'p1' })]);
      await postBatch(c, [trackEvent({ userId: 'u2', event: 'Payment Failed', messageId: 'p2' })]);
      const rows = await c.store.claimWebhooks(Date.now() + 1, 10, 60_000);
      const payloads = rows.map((r) => JSON.parse(r.payload));
      expect(payloads).toContainEqual(
        expect.objectContaining({
          type: 'user.band_changed',
          scoreId: 'churnRisk',
          from: 'calm',
          to: 'at-risk',
          score: 80,
        }),
      );
    });

    it('shows the dashboard one score at a time and lists the scores', async () => {
      c = await startCollector(backend, { config, now: () => NOW });
      await postBatch(c, [trackEvent({ userId: 'u3', event: 'Payment Failed' }), trackEvent({ userId: 'u4' })]);
      const churnView = (await admin('/v1/admin/overview?score=churnRisk')).json();
      expect(churnView.bands.map((b: { id: string; count: number }) => [b.id, b.count])).toEqual([
        ['calm', 2],
        ['at-risk', 0],
      ]);
      const list = (await admin('/v1/admin/scores')).json();
      expect(list.defaultScore).toBe('engagement');
      expect(list.scores.map((s: { id: string; isDefault: boolean }) => [s.id, s.isDefault])).toEqual([
        ['engagement', true],
        ['churnRisk', false],
      ]);
      const unknown = await admin('/v1/admin/overview?score=upsell');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toContain('score: no score "upsell" in the config (engagement, churnRisk)');
    });
  });
}
