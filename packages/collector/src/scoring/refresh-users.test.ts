import { utcDay } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';

const DAY = 86_400_000;

for (const backend of backends()) {
  describe(`sweeps on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('record daily history and catch bands that fall by inactivity alone', async () => {
      let now = NOW;
      const c = await startCollector(backend, { config: SAAS_CONFIG, now: () => now });
      // 18 projects → 48, medium; 20 quiet days later the inactivity rules take 40 points.
      await postBatch(
        c,
        Array.from({ length: 18 }, () => trackEvent({ userId: 's1', timestamp: new Date(NOW).toISOString() })),
      );
      now = NOW + 20 * DAY;
      const summary = await c.sweep();
      expect(summary).toEqual({ users: 1, events: 0, bandChanges: 1, modelChanges: 0 });
      const history = await c.store.scoreHistory(c.project, 'u:s1', 0);
      expect(history.map((h) => [h.day - utcDay(NOW), h.band])).toEqual([
        [0, 'medium'],
        [20, 'low'],
      ]);
      await c.close();
    });
  });
}
