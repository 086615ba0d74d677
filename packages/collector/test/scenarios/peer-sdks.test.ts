import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, basic, startCollector, trackEvent } from '../support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../../src/create-collector.js';

// What Segment's analytics-next and RudderStack's JavaScript SDK v3 send, beyond
// the Segment event format: their own request headers (and so preflights that
// ask for them), RudderStack's source-config fetch and its beacon path. The
// browser end to end is test/e2e/peer-sdks.spec.ts. In production mode, with
// https://app.example.com allowed (SAAS_CONFIG).

const backend = backends()[0]!;
const SITE = 'https://app.example.com';
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW, dev: false });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

function preflight(url: string, requestHeaders: string, origin = SITE) {
  return c.app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return c.app.inject({
    method: 'POST',
    url,
    headers: { origin: SITE, 'content-type': 'text/plain', ...headers },
    payload: JSON.stringify(body),
  });
}

const metric = async (name: string) => {
  const text = (await c.app.inject({ url: '/metrics' })).body;
  return Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1]);
};

describe('preflights', () => {
  const RUDDER =
    'anonymousid,authorization,content-type,rsa-retry-attempt,rsa-retry-reason,rsa-since-first-attempt,rsa-since-last-attempt,sentat';

  it.each([
    ['/v1/track', RUDDER],
    ['/v1/batch', RUDDER],
    ['/v1/t', 'authorization,content-type,x-retry-count'],
    ['/v1/b', 'authorization,content-type,x-retry-count'],
    ['/beacon/v1/batch', 'content-type'],
  ])('allow every header a client asks for on the ingest path %s', async (url, headers) => {
    const res = await preflight(url, headers);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.headers['access-control-allow-headers']).toBe(headers);
    expect(String(res.headers.vary)).toMatch(/access-control-request-headers/i);
  });

  it('keep the strict list on read and admin routes', async () => {
    for (const url of ['/v1/users/u1/state', '/v1/admin/config', '/v1/config', '/v1/diagnostics', '/sourceConfig/']) {
      const res = await preflight(url, 'anonymousid,x-retry-count');
      expect(String(res.headers['access-control-allow-headers']), url).toBe(
        'Content-Type, Content-Encoding, Authorization, X-Pulse-User-Token, If-None-Match, If-Match',
      );
    }
  });

  it('give a foreign origin nothing, on ingest paths too', async () => {
    const res = await preflight('/v1/t', 'authorization,x-retry-count', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('headers the peers send with events', () => {
  it("correct clock skew from RudderStack's SentAt header when the body has no sentAt", async () => {
    // The client's clock runs an hour behind: its SentAt is an hour before NOW.
    const event = trackEvent({ timestamp: '2026-11-22T10:00:00.000Z', messageId: 'skewed' });
    const res = await post(
      '/v1/batch',
      { batch: [event] },
      { authorization: basic('pk_test'), sentat: '2026-11-22T11:00:00.000Z' },
    );
    expect(res.statusCode).toBe(200);
    const [row] = await c.store.listEvents(c.project, 0, 10);
    expect(new Date(row!.at).toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });

  it('prefer the sentAt in the body to the header, and ignore a header that is no date', async () => {
    const own = trackEvent({ timestamp: '2026-11-22T10:00:00.000Z' });
    await post(
      '/v1/batch',
      { batch: [own], sentAt: '2026-11-22T10:00:00.000Z' },
      {
        authorization: basic('pk_test'),
        sentat: '2026-11-22T11:00:00.000Z',
      },
    );
    const bad = trackEvent({ timestamp: '2026-11-22T10:00:00.000Z' });
    await post('/v1/track', bad, { authorization: basic('pk_test'), sentat: 'yesterday' });
    const rows = await c.store.listEvents(c.project, 0, 10);
    expect(rows.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-11-22T12:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
    ]);
  });

  it('count retries by client in /metrics: Segment by X-Retry-Count, RudderStack by RSA-Retry-Attempt', async () => {
    const auth = { authorization: basic('pk_test') };
    await post('/v1/t', trackEvent(), { ...auth, 'x-retry-count': '3' });
    await post('/v1/t', trackEvent(), { ...auth, 'x-retry-count': '0' }); // a first attempt
    await post('/v1/track', trackEvent(), { ...auth, 'rsa-retry-attempt': '1', 'rsa-retry-reason': 'server-504' });
    await post('/v1/track', trackEvent(), { 'rsa-retry-attempt': '2' }); // no write key: refused, not counted
    expect(await metric('pulse_ingest_retries_total{client="segment"}')).toBe(1);
    expect(await metric('pulse_ingest_retries_total{client="rudderstack"}')).toBe(1);
  });
});

describe("RudderStack's beacon path", () => {
  const beacon = (query: string, origin = SITE) =>
    c.app.inject({
      method: 'POST',
      url: `/beacon/v1/batch${query}`,
      headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ batch: [trackEvent({ messageId: 'beaconed' })], sentAt: new Date(NOW).toISOString() }),
    });

  it('stores a batch whose write key is in the query (sendBeacon cannot set headers)', async () => {
    const res = await beacon('?writeKey=pk_test');
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await c.store.listEvents(c.project, 0, 10)).map((e) => e.messageId)).toEqual(['beaconed']);
  });

  it('refuses a wrong key and a foreign origin', async () => {
    expect((await beacon('?writeKey=nope')).statusCode).toBe(401);
    expect((await beacon('?writeKey=pk_test', 'https://evil.example')).statusCode).toBe(403);
    expect(await c.store.listEvents(c.project, 0, 10)).toEqual([]);
  });
});

describe("RudderStack's source config", () => {
  it('answers an enabled source without destinations to the write key, in both path forms', async () => {
    for (const url of ['/sourceConfig/?p=npm&v=3.34.1&writeKey=pk_test', '/sourceConfig?writeKey=pk_test']) {
      const res = await c.app.inject({ url, headers: { origin: SITE } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
      expect(res.json().source).toMatchObject({ id: c.project, enabled: true, config: {}, destinations: [] });
    }
    const basicAuth = await c.app.inject({ url: '/sourceConfig/', headers: { authorization: basic('pk_test') } });
    expect(basicAuth.statusCode).toBe(200);
  });

  it('requires the write key and an allowed origin', async () => {
    expect((await c.app.inject({ url: '/sourceConfig/' })).statusCode).toBe(401);
    expect((await c.app.inject({ url: '/sourceConfig/?writeKey=nope' })).statusCode).toBe(401);
    const foreign = await c.app.inject({
      url: '/sourceConfig/?writeKey=pk_test',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
  });
});
