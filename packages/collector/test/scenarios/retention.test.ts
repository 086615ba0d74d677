import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, type PulseConfig } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../../src/create-collector.js';
import { readConfigFile } from '../../src/config/read-config-file.js';

const RETAINED: PulseConfig = { ...SAAS_CONFIG, retention: { eventsDays: 60 } };
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();

async function seed(c: Collector): Promise<void> {
  for (const userId of ['r1', 'r2']) {
    await postBatch(c, [
      { type: 'identify', userId, traits: { plan: 'pro' }, messageId: `id-${userId}`, timestamp: at(100) },
      trackEvent({ userId, event: 'Teammate Invited', timestamp: at(100) }),
      trackEvent({
        userId,
        event: 'Nudge Eligible',
        properties: { nudgeId: 'invite-nudge', variant: 'control' },
        timestamp: at(90),
      }),
      ...Array.from({ length: 12 }, () => trackEvent({ userId, timestamp: at(5) })),
    ]);
  }
  await postBatch(c, [trackEvent({ userId: 'r2', event: 'Core Feature Used', timestamp: at(3) })]);
}

async function states(c: Collector) {
  const out = [];
  for (const userId of ['r1', 'r2']) {
    const res = await c.app.inject({
      url: `/v1/users/${userId}/state`,
      headers: { authorization: `Bearer ${c.secretKey}` },
    });
    const { score, band, points, contributions, milestones, modelId, inactivity, nudges } = res.json();
    out.push({ score, band, points, contributions, milestones, modelId, inactivity, nudges });
  }
  return out;
}

for (const backend of backends()) {
  describe(`retention on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('purges events past retention on recompute, and scores stay the same, even after a full rebuild', async () => {
      const c = await startCollector(backend, { config: RETAINED, now: () => NOW });
      await seed(c);
      const before = await states(c);
      expect(before[0]).toMatchObject({ score: 32, band: 'low' });
      expect(before[0]?.milestones.done).toBe(2);

      const summary = await c.recompute();
      expect(summary.purgedEvents).toBe(6);
      const left = await c.store.listEvents(c.project, 0, 1000);
      expect(left).toHaveLength(25);
      expect(left.every((e) => e.at >= NOW - 60 * DAY_MS)).toBe(true);
      expect(await states(c)).toEqual(before);

      // A rebuild from the events still stored keeps milestones, traits and first-seen the purge took away.
      const rebuilt = await c.rescore();
      expect(rebuilt.events).toBe(25);
      expect(await states(c)).toEqual(before);
      const user = await c.store.getUser(c.project, 'u:r1');
      expect(user?.traits).toEqual({ plan: 'pro' });
      expect(user?.rollups.saas?.firstSeen).toBe(Date.parse(at(100)));
      await c.close();
    });

    it('purges nothing without retention', async () => {
      const c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
      await seed(c);
      expect((await c.recompute()).purgedEvents).toBe(0);
      expect(await c.store.listEvents(c.project, 0, 1000)).toHaveLength(31);
      await c.close();
    });

    it('refuses a config whose models look back further than events are kept, by path', async () => {
      const c = await startCollector(backend, { config: RETAINED, now: () => NOW });
      const res = await c.app.inject({
        method: 'PUT',
        url: '/v1/admin/config',
        headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...SAAS_CONFIG, retention: { eventsDays: 20 } }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues).toEqual([
        {
          path: 'models[0].windowDays',
          message: 'reaches past retention.eventsDays (20): a rescore after the purge would give other scores',
        },
      ]);
      await c.close();
    });
  });
}

describe('retention in a config file', () => {
  it('is checked on load, naming the file and the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-retention-'));
    try {
      const file = join(dir, 'pulse.config.json');
      writeFileSync(file, JSON.stringify({ ...SAAS_CONFIG, retention: { eventsDays: 16 } }));
      expect(() => readConfigFile(file)).toThrow(
        /pulse\.config\.json: Invalid Pulse config:\n {2}models\[0\]\.windowDays: reaches past/,
      );
      expect(() => readConfigFile(file)).toThrow('models[0].inactivity[1]: reaches past retention.eventsDays (16)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
