import { createRollup, scoreEvents, type ScoringModel } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../create-collector.js';

const saas = SAAS_CONFIG.models?.[0] as ScoringModel;

async function state(c: Collector, userId: string) {
  const res = await c.app.inject({
    url: `/v1/users/${userId}/state`,
    headers: { authorization: `Bearer ${c.secretKey}` },
  });
  return res.json();
}

for (const backend of backends()) {
  describe(`ingestion on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const start = () => startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });

    it('keeps one rollup per model for each user', async () => {
      const c = await start();
      await postBatch(c, [trackEvent({ userId: 'u1' })]);
      const user = await c.store.getUser(c.project, 'u:u1');
      expect(Object.keys(user!.rollups).sort()).toEqual(['saas', 'trial']);
      expect(user!.rollups.saas!.signals.projects).toEqual({
        [String(Math.floor(Date.parse('2026-11-20') / 864e5))]: [1, 0],
      });
      await c.close();
    });

    it('scores a retried batch once', async () => {
      const c = await start();
      const batch = [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u1' })];
      await postBatch(c, batch);
      await postBatch(c, batch);
      expect((await state(c, 'u1')).contributions[0]).toMatchObject({ signal: 'projects', n: 2, points: 8 });
      await c.close();
    });

    it('merges an anonymous visitor into the user on identify', async () => {
      const c = await start();
      await postBatch(c, [
        trackEvent({ userId: null, anonymousId: 'anon-1', event: 'Project Created' }),
        trackEvent({ userId: null, anonymousId: 'anon-1', event: 'Teammate Invited' }),
      ]);
      await postBatch(c, [
        { type: 'identify', userId: 'u7', anonymousId: 'anon-1', traits: { name: 'Ada' }, messageId: 'id-1' },
      ]);
      const s = await state(c, 'u7');
      expect(s.contributions.slice(0, 2).map((x: { n: number }) => x.n)).toEqual([1, 1]);
      expect(s.milestones.done).toBe(2);
      expect(await c.store.getUser(c.project, 'a:anon-1')).toBeNull();
      await c.close();
    });

    it('routes later anonymous-only events of a linked visitor to the user', async () => {
      const c = await start();
      await postBatch(c, [{ type: 'identify', userId: 'u8', anonymousId: 'anon-2', messageId: 'id-2' }]);
      await postBatch(c, [trackEvent({ userId: null, anonymousId: 'anon-2' })]);
      expect((await state(c, 'u8')).contributions[0].n).toBe(1);
      await c.close();
    });

    it('merges in the same batch when the anonymous events come first', async () => {
      const c = await start();
      await postBatch(c, [
        trackEvent({ userId: null, anonymousId: 'anon-3' }),
        { type: 'identify', userId: 'u9', anonymousId: 'anon-3', messageId: 'id-3' },
        trackEvent({ userId: 'u9' }),
      ]);
      expect((await state(c, 'u9')).contributions[0].n).toBe(2);
      await c.close();
    });

    it('merges a former user id into the new one on alias', async () => {
      const c = await start();
      await postBatch(c, [trackEvent({ userId: 'old-id' }), trackEvent({ userId: 'old-id', anonymousId: 'anon-4' })]);
      await postBatch(c, [{ type: 'alias', userId: 'new-id', previousId: 'old-id', messageId: 'al-1' }]);
      expect((await state(c, 'new-id')).contributions[0].n).toBe(2);
      await postBatch(c, [trackEvent({ userId: null, anonymousId: 'anon-4' })]);
      expect((await state(c, 'new-id')).contributions[0].n).toBe(3);
      await c.close();
    });

    it('selects the model by the latest traits from identify', async () => {
      const c = await start();
      await postBatch(c, [trackEvent({ userId: 'u10' })]);
      expect((await state(c, 'u10')).modelId).toBe('saas');
      await postBatch(c, [{ type: 'identify', userId: 'u10', traits: { plan: 'trial' }, messageId: 'id-10' }]);
      const s = await state(c, 'u10');
      expect(s.modelId).toBe('trial');
      expect(s.contributions[0]).toMatchObject({ n: 1, points: 10 });
      await c.close();
    });

    it('gives the same score as scoring the raw events directly', async () => {
      const c = await start();
      const events = [
        trackEvent({ event: 'Project Created', timestamp: '2026-11-02T10:00:00Z' }),
        trackEvent({ event: 'Core Feature Used', timestamp: '2026-11-03T10:00:00Z' }),
        trackEvent({ event: 'Core Feature Used', timestamp: '2026-11-12T10:00:00Z' }),
        trackEvent({ event: 'Session Ended', properties: { minutes: 42 }, timestamp: '2026-11-15T10:00:00Z' }),
        trackEvent({ event: 'Payment Failed', timestamp: '2026-11-16T10:00:00Z' }),
      ];
      await postBatch(c, events);
      const s = await state(c, 'u1');
      const expected = scoreEvents(events as never, saas, NOW);
      expect({ score: s.score, points: s.points, band: s.band }).toEqual({
        score: expected.score,
        points: expected.points,
        band: expected.band,
      });
      await c.close();
    });

    it('records group membership for group scores', async () => {
      const c = await start();
      await postBatch(c, [
        { type: 'group', userId: 'g-a', groupId: 'acme', messageId: 'g1' },
        { type: 'group', userId: 'g-b', groupId: 'acme', messageId: 'g2' },
        trackEvent({ userId: 'g-a' }),
      ]);
      expect((await c.store.groupMembers(c.project, 'acme')).map((u) => u.key)).toEqual(['u:g-a', 'u:g-b']);
      await c.close();
    });

    it("writes the day's score to history", async () => {
      const c = await start();
      await postBatch(c, [trackEvent({ userId: 'h1' })]);
      const history = await c.store.scoreHistory(c.project, 'u:h1', 0);
      const day = Math.floor(NOW / 864e5);
      expect(history).toEqual([
        { userKey: 'u:h1', scoreId: 'engagement', day, modelId: 'saas', score: 3, band: 'low' },
      ]);
      await c.close();
    });

    it('rebuilds rollups from raw events on rescore', async () => {
      const c = await start();
      await postBatch(c, [trackEvent({ userId: 'r1' }), trackEvent({ userId: 'r1', event: 'Teammate Invited' })]);
      const before = await state(c, 'r1');
      const user = await c.store.getUser(c.project, 'u:r1');
      await c.store.transaction((tx) =>
        tx.saveUsers(c.project, [{ ...user!, rollups: { saas: createRollup('saas') } }]),
      );
      expect((await state(c, 'r1')).score).toBe(0);
      const summary = await c.rescore();
      expect(summary).toMatchObject({ users: 1, events: 2 });
      expect((await state(c, 'r1')).score).toBe(before.score);
      await c.close();
    });
  });
}
