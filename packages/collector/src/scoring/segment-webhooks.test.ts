import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PulseConfig } from '@pulse/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';
import type { Collector } from '../create-collector.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-30T12:00:00Z');
const model = {
  id: 'saas',
  windowDays: 30,
  signals: [{ id: 'projects', event: 'Project Created', weight: 1 }],
  scale: { maxPoints: 10 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'medium', min: 40 },
    { id: 'high', min: 70 },
  ],
};
const SEGMENT = { id: 'trial-low', name: 'Trial users, low', filter: { band: 'low', 'trait.plan': 'trial' } };

interface Hook {
  type: string;
  userId?: string;
  segmentId?: string;
  accountId?: string;
  from?: string;
  to?: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function receiver(): Promise<{ url: string; received: Hook[]; events: string[] }> {
  const received: Hook[] = [];
  const events: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Hook);
      events.push(String(req.headers['x-pulse-event']));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, received, events };
}

for (const backend of backends()) {
  describe(`segment and account webhooks on ${backend.name}`, () => {
    let c: Collector | undefined;
    let now = START;
    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });
    const start = async (config: PulseConfig, url: string) => {
      await c?.close();
      now = START;
      c = await startCollector(backend, { config, now: () => now, webhooks: [url] });
      return c;
    };
    const at = () => new Date(now).toISOString();
    const projects = (userId: string, n: number) =>
      Array.from({ length: n }, () => trackEvent({ userId, timestamp: at() }));
    const identify = (userId: string, traits: Record<string, unknown>) => ({
      type: 'identify',
      userId,
      traits,
      timestamp: at(),
      messageId: `id-${userId}-${Math.random()}`,
    });
    const send = async (batch: unknown[]) => expect((await postBatch(c!, batch)).statusCode).toBe(200);
    const flush = async () => {
      await c!.deliverWebhooks();
    };

    it('fires segment.entered and segment.left once per entry and exit, at ingestion and on the recompute', async () => {
      const hook = await receiver();
      await start({ models: [model], segments: [SEGMENT] }, hook.url);
      // 2 projects: 20, low, trial → enters. Another project (30, still low): nothing new.
      await send([identify('ann', { plan: 'trial' }), ...projects('ann', 2)]);
      await send(projects('ann', 1));
      await flush();
      const seg = () => hook.received.filter((h) => h.type.startsWith('segment.'));
      expect(seg()).toMatchObject([{ type: 'segment.entered', userId: 'ann', segmentId: 'trial-low' }]);
      expect(hook.events).toContain('segment.entered');
      // 5 more: 80, high → leaves; the recompute at the same moment changes nothing.
      await send(projects('ann', 5));
      await c!.recompute();
      await flush();
      expect(seg().map((h) => h.type)).toEqual(['segment.entered', 'segment.left']);
      // 31 days on, every project is out of the window: 0, low → the scheduled recompute finds the entry.
      now += 31 * DAY;
      await c!.recompute();
      await c!.recompute();
      await flush();
      expect(seg().map((h) => h.type)).toEqual(['segment.entered', 'segment.left', 'segment.entered']);
      // A trait change takes the user out without a score change.
      await send([identify('ann', { plan: 'pro' })]);
      await flush();
      expect(seg().map((h) => h.type)).toEqual(['segment.entered', 'segment.left', 'segment.entered', 'segment.left']);
      expect(seg().every((h) => h.userId === 'ann')).toBe(true);
    });

    it('takes a new segment as it stands, silently, then fires on changes', async () => {
      const hook = await receiver();
      await start({ models: [model] }, hook.url);
      await send([identify('bo', { plan: 'trial' }), ...projects('bo', 1), identify('cy', { plan: 'trial' })]);
      await send(projects('cy', 6));
      const put = await c!.app.inject({
        method: 'PUT',
        url: `/v1/admin/segments/${SEGMENT.id}`,
        headers: { authorization: `Bearer ${c!.secretKey}` },
        payload: { name: SEGMENT.name, filter: SEGMENT.filter },
      });
      expect(put.statusCode).toBe(200);
      // bo (10, low) is in it already: the next event is no entry. cy (60 → 0 projects more) stays out.
      await send(projects('bo', 1));
      await flush();
      expect(hook.received.filter((h) => h.type.startsWith('segment.'))).toEqual([]);
      // cy's plan changes to trial while medium: still out; bo climbs to high: leaves.
      await send(projects('bo', 6));
      await flush();
      expect(hook.received.filter((h) => h.type.startsWith('segment.'))).toMatchObject([
        { type: 'segment.left', userId: 'bo', segmentId: 'trial-low' },
      ]);
    });

    it('shows a nudge whose trigger names a segment only to its members, in the state answer', async () => {
      const nudge = {
        id: 'trial-help',
        placement: 'banner' as const,
        trigger: { segment: SEGMENT.id },
        variants: [{ id: 'help', weight: 1, content: { title: 'Need a hand?', body: 'Book a call.' } }],
        goal: { event: 'Call Booked', withinDays: 7 },
      };
      // No webhooks: the segment is evaluated because a nudge names it.
      await c?.close();
      now = START;
      c = await startCollector(backend, {
        config: { models: [model], segments: [SEGMENT], nudges: [nudge] },
        now: () => now,
      });
      await send([identify('fay', { plan: 'trial' }), ...projects('fay', 1), identify('gus', { plan: 'pro' })]);
      await send(projects('gus', 1));
      const state = async (userId: string) =>
        (
          await c!.app.inject({
            url: `/v1/users/${userId}/state`,
            headers: { 'x-pulse-user-token': c!.userToken(userId) },
          })
        ).json() as { segments?: string[]; nudges: { nudgeId: string; eligible: boolean; reason: string }[] };
      expect(await state('fay')).toMatchObject({
        segments: ['trial-low'],
        nudges: [{ nudgeId: 'trial-help', eligible: true, reason: 'eligible' }],
      });
      expect(await state('gus')).toMatchObject({
        segments: [],
        nudges: [{ nudgeId: 'trial-help', eligible: false, reason: 'segment' }],
      });
      // fay climbs to high: out of the segment, so the nudge goes.
      await send(projects('fay', 7));
      expect(await state('fay')).toMatchObject({
        segments: [],
        nudges: [{ nudgeId: 'trial-help', eligible: false, reason: 'segment' }],
      });
    });

    it('stores account scores and fires account.band_changed when the aggregate crosses a band', async () => {
      const hook = await receiver();
      await start({ models: [model] }, hook.url);
      const group = (userId: string) => ({
        type: 'group',
        userId,
        groupId: 'acme',
        traits: { name: 'Acme' },
        timestamp: at(),
        messageId: `g-${userId}-${Math.random()}`,
      });
      // dee 80, eve 20: mean 50, medium. A first score is not a change.
      await send([group('dee'), group('eve'), ...projects('dee', 8), ...projects('eve', 2)]);
      await flush();
      expect(hook.received.filter((h) => h.type === 'account.band_changed')).toEqual([]);
      // eve to 60: mean 70, high.
      await send(projects('eve', 4));
      await c!.recompute();
      await flush();
      const changes = hook.received.filter((h) => h.type === 'account.band_changed');
      expect(changes).toMatchObject([
        {
          type: 'account.band_changed',
          accountId: 'acme',
          scoreId: 'engagement',
          from: 'medium',
          to: 'high',
          score: 70,
          size: 2,
        },
      ]);
      expect(hook.events.filter((e) => e === 'account.band_changed')).toHaveLength(1);
      const page = await c!.app.inject({
        url: '/v1/admin/accounts/acme',
        headers: { authorization: `Bearer ${c!.secretKey}` },
      });
      expect(page.json()).toMatchObject({ score: 70, band: 'high' });
    });
  });
}
