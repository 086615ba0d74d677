import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { signWebhook } from './webhooks.js';

const backend = backends()[0]!;
afterAll(() => backend.cleanup());

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, received };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function dropBand(statuses: number[]) {
  const hook = await receiver(statuses);
  const c = await startCollector(backend, {
    config: SAAS_CONFIG,
    now: () => NOW,
    webhooks: [hook.url],
    webhookDelivery: { baseDelayMs: 1, intervalMs: 20, maxAttempts: 3 },
    background: true,
    sweepIntervalMs: 0,
    configPollMs: 0,
  });
  // 18 projects: 72 of 150 points → 48, medium. Three failed payments: 42 → 28, low.
  await postBatch(
    c,
    Array.from({ length: 18 }, () => trackEvent({ userId: 'w1' })),
  );
  await postBatch(
    c,
    Array.from({ length: 3 }, () => trackEvent({ userId: 'w1', event: 'Payment Failed' })),
  );
  return { c, hook };
}

describe('band-change webhooks', () => {
  it('POSTs a signed payload when a user changes band', async () => {
    const { c, hook } = await dropBand([]);
    await until(() => hook.received.length === 1);
    const [{ headers, body }] = hook.received as [Received];
    expect(JSON.parse(body)).toMatchObject({
      type: 'user.band_changed',
      userId: 'w1',
      from: 'medium',
      to: 'low',
      score: 28,
      modelId: 'saas',
    });
    expect(headers['x-pulse-signature']).toBe(signWebhook(c.secretKey, String(headers['x-pulse-timestamp']), body));
    expect(headers['x-pulse-delivery']).toBe(JSON.parse(body).id);
    await c.close();
  });

  it('retries after a failure with the same delivery id', async () => {
    const { c, hook } = await dropBand([500, 503]);
    await until(() => hook.received.length === 3);
    const ids = hook.received.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids).size).toBe(1);
    await c.close();
  });

  it('gives up after maxAttempts', async () => {
    const { c, hook } = await dropBand([500, 500, 500, 500, 500]);
    await until(() => hook.received.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.received.length).toBe(3);
    await c.close();
  });

  it('does not retry a 4xx answer', async () => {
    const { c, hook } = await dropBand([410]);
    await until(() => hook.received.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await c.deliverWebhooks()).toBe(0);
    expect(hook.received.length).toBe(1);
    await c.close();
  });

  it('sends nothing for a first score', async () => {
    const hook = await receiver([]);
    const c = await startCollector(backend, {
      config: SAAS_CONFIG,
      now: () => NOW,
      webhooks: [hook.url],
      background: true,
    });
    await postBatch(c, [trackEvent({ userId: 'w2' })]);
    expect(await c.deliverWebhooks()).toBe(0);
    expect(hook.received).toEqual([]);
    await c.close();
  });
});
