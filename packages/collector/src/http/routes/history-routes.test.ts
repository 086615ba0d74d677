import { DAY_MS, normalizeConfig, utcDay } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { DESIGN_MODEL } from '../../../../core/test/saas-config.js';
import { mulberry32 } from '../../../test/stats-reference.js';
import type { Collector } from '../../create-collector.js';
import { emptyUser } from '../../store/rows.js';
import { applyEvent, scoreUser } from '../../scoring/user-scoring.js';
import type { PulseEvent } from '@pulse/core';

const NOW = Date.parse('2026-11-30T15:00:00Z');
const CONFIG = normalizeConfig({ models: [{ ...DESIGN_MODEL, appliesTo: undefined }] });
const NAMES = ['Project Created', 'Teammate Invited', 'Core Feature Used', 'Session Ended', 'Payment Failed'];

function events(userId: string, seed: number): Record<string, unknown>[] {
  const rand = mulberry32(seed);
  return Array.from({ length: 80 }, () =>
    trackEvent({
      userId,
      event: NAMES[Math.floor(rand() * NAMES.length)],
      properties: { minutes: Math.floor(rand() * 20) },
      timestamp: new Date(NOW - Math.floor(rand() * 59 * DAY_MS)).toISOString(),
    }),
  );
}

/** The reference: score a user built from the events up to each day's end, at that end. */
function reference(sent: Record<string, unknown>[], day: number) {
  const end = day === utcDay(NOW) ? NOW : (day + 1) * DAY_MS - 1;
  const user = emptyUser('ref');
  for (const e of sent) {
    const at = Date.parse(e.timestamp as string);
    if (at <= end) applyEvent(user, e as unknown as PulseEvent, at, CONFIG.models);
  }
  const r = scoreUser(user, CONFIG, end);
  return { date: new Date(day * DAY_MS).toISOString().slice(0, 10), score: r.score, band: r.band, model: r.modelId };
}

for (const backend of backends()) {
  describe(`score history on ${backend.name}`, () => {
    let c: Collector;
    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });

    it("answers one entry per day, each the scorer's as-of result, after a rescore backfilled it", async () => {
      c = await startCollector(backend, { config: CONFIG, now: () => NOW });
      const sent = { ann: events('ann', 1), bob: events('bob', 2) };
      expect((await postBatch(c, [...sent.ann, ...sent.bob])).statusCode).toBe(200);
      await c.rescore();
      for (const [userId, list] of Object.entries(sent)) {
        const res = await c.app.inject({
          url: `/v1/users/${userId}/history?days=60`,
          headers: { 'x-pulse-user-token': c.userToken(userId) },
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        const first = utcDay(Math.min(...list.map((e) => Date.parse(e.timestamp as string))));
        expect(body.days[0].date).toBe(new Date(first * DAY_MS).toISOString().slice(0, 10));
        expect(body.days).toHaveLength(utcDay(NOW) - first + 1);
        expect(body.days).toEqual(body.days.map((d: { date: string }) => reference(list, utcDay(Date.parse(d.date)))));
        expect(new Set(body.days.map((d: { score: number }) => d.score)).size).toBeGreaterThan(3);
      }
    });

    it('cuts at `days` ago, refuses other users and unknown ones', async () => {
      const h = await c.app.inject({
        url: '/v1/users/ann/history?days=7',
        headers: { authorization: `Bearer ${c.secretKey}` },
      });
      expect(h.json().days).toHaveLength(7);
      expect(h.json().days.at(-1).date).toBe('2026-11-30');
      const other = await c.app.inject({
        url: '/v1/users/ann/history',
        headers: { 'x-pulse-user-token': c.userToken('bob') },
      });
      expect(other.statusCode).toBe(401);
      const missing = await c.app.inject({
        url: '/v1/users/nobody/history',
        headers: { authorization: `Bearer ${c.secretKey}` },
      });
      expect(missing.statusCode).toBe(404);
      const bad = await c.app.inject({
        url: '/v1/users/ann/history?days=0',
        headers: { authorization: `Bearer ${c.secretKey}` },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toContain('days');
    });
  });
}
