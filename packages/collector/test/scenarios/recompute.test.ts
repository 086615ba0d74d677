import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS, utcDay } from '@pulse/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { signWebhook } from '../../src/jobs/webhooks.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function receiver(): Promise<{ url: string; received: { body: string; signature: string; ts: string }[] }> {
  const received: { body: string; signature: string; ts: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({
        body,
        signature: String(req.headers['x-pulse-signature']),
        ts: String(req.headers['x-pulse-timestamp']),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, received };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

// 25 projects (100 points) and 5 invites (25): 125 of 150 points → 83, "high".
const engaged = (userId: string) => [
  ...Array.from({ length: 25 }, () => trackEvent({ userId, timestamp: new Date(NOW).toISOString() })),
  ...Array.from({ length: 5 }, () =>
    trackEvent({ userId, event: 'Teammate Invited', timestamp: new Date(NOW).toISOString() }),
  ),
];

for (const backend of backends()) {
  describe(`scheduled recompute on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('drops a user who stops coming back from high to low and fires the webhook, without any event from them', async () => {
      const hook = await receiver();
      let now = NOW;
      const c = await startCollector(backend, {
        config: SAAS_CONFIG,
        now: () => now,
        webhooks: [hook.url],
        background: false,
      });
      await postBatch(c, engaged('gone'));
      expect((await c.store.getUser(c.project, 'u:gone'))?.band).toBe('high');
      // 31 quiet days: the 30-day window holds no event any more and inactivity takes its 40 points.
      now = NOW + 31 * DAY_MS;
      const summary = await c.recompute();
      expect(summary).toEqual({ users: 1, events: 0, bandChanges: 1, modelChanges: 0, purgedEvents: 0 });
      expect(await c.deliverWebhooks()).toBe(1);
      expect(hook.received).toHaveLength(1);
      const [{ body, signature, ts }] = hook.received as [{ body: string; signature: string; ts: string }];
      expect(JSON.parse(body)).toMatchObject({
        type: 'user.band_changed',
        userId: 'gone',
        from: 'high',
        to: 'low',
        score: 0,
      });
      expect(signature).toBe(signWebhook(c.secretKey, ts, body));
      const history = await c.store.scoreHistory(c.project, 'u:gone', 0);
      expect(history.map((h) => [h.day - utcDay(NOW), h.score, h.band])).toEqual([
        [0, 83, 'high'],
        [31, 0, 'low'],
      ]);
      // Nothing changed since: a second recompute the same day fires nothing.
      expect((await c.recompute()).bandChanges).toBe(0);
      await c.close();
    });

    it('runs on its cadence in the background, by the collector clock', async () => {
      const hook = await receiver();
      let now = NOW;
      const c = await startCollector(backend, {
        config: SAAS_CONFIG,
        now: () => now,
        webhooks: [hook.url],
        webhookDelivery: { intervalMs: 20, baseDelayMs: 1 },
        background: true,
        configPollMs: 0,
        // Checked every 50 ms of real time; due once 50 ms of the pinned clock have passed.
        recomputeIntervalMs: 50,
      });
      await postBatch(c, engaged('quiet'));
      now = NOW + 40 * DAY_MS;
      await until(() => hook.received.length === 1);
      expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ userId: 'quiet', from: 'high', to: 'low' });
      expect(Number(await c.store.getMeta('recomputed_at'))).toBe(now);
      await c.close();
    });
  });
}
