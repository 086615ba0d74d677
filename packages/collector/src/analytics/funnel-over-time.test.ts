import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const config = {
  models: [
    {
      id: 'saas',
      windowDays: 30,
      signals: [{ id: 'projects', event: 'Project Created', weight: 1 }],
      scale: { maxPoints: 10 },
      bands: [{ id: 'low', min: 0 }],
      milestones: [
        { id: 'first-project', event: 'Project Created', title: 'Create your first project' },
        { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
      ],
    },
  ],
};
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

for (const backend of backends()) {
  describe(`GET /v1/admin/funnel over time on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('gives the funnel as it stood at the end of each of the last 12 weeks, from when users came and milestones were done', async () => {
      const c = await startCollector(backend, { config, now: () => NOW });
      // ann: came 60 days ago, first project 50 days ago, invited 10 days ago.
      // bob: came 20 days ago, first project the same day. cy: came 3 days ago, nothing done.
      const batch = [
        trackEvent({ userId: 'ann', event: 'Page Viewed', timestamp: at(60) }),
        trackEvent({ userId: 'ann', timestamp: at(50) }),
        trackEvent({ userId: 'ann', event: 'Teammate Invited', timestamp: at(10) }),
        trackEvent({ userId: 'bob', timestamp: at(20) }),
        trackEvent({ userId: 'cy', event: 'Page Viewed', timestamp: at(3) }),
      ];
      expect((await postBatch(c, batch)).statusCode).toBe(200);
      const res = await c.app.inject({ url: '/v1/admin/funnel', headers: { authorization: `Bearer ${c.secretKey}` } });
      expect(res.statusCode).toBe(200);
      const f = res.json() as {
        total: number;
        milestones: { id: string; completed: number }[];
        overTime: { date: string; users: number; milestones: { id: string; completed: number }[] }[];
      };
      expect(f.overTime).toHaveLength(12);
      expect(f.overTime.at(-1)!.date).toBe('2026-11-30');
      expect(f.overTime[0]!.date).toBe('2026-09-14');
      const point = (date: string) => {
        const p = f.overTime.find((x) => x.date === date)!;
        return [p.users, ...p.milestones.map((m) => m.completed)];
      };
      // 2026-10-05 (56 days ago): only ann, nothing done. 2026-10-12: ann's first project.
      expect(point('2026-10-05')).toEqual([1, 0, 0]);
      expect(point('2026-10-12')).toEqual([1, 1, 0]);
      // 2026-11-16 (14 days ago): bob has come and done his first; ann has not invited yet.
      expect(point('2026-11-16')).toEqual([2, 2, 0]);
      expect(point('2026-11-23')).toEqual([2, 2, 1]);
      // Today the point is the funnel itself.
      expect(point('2026-11-30')).toEqual([f.total, ...f.milestones.map((m) => m.completed)]);
      expect(point('2026-11-30')).toEqual([3, 2, 1]);
      await c.close();
    });
  });
}
