import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, basic, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import type { Collector } from '../../create-collector.js';

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

function post(url: string, payload: string | Buffer, headers: Record<string, string> = {}) {
  return c.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
}

describe('POST /v1/batch', () => {
  it('stores a batch and answers accepted/duplicates/rejected', async () => {
    const res = await postBatch(c, [trackEvent(), trackEvent()]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('always sends a Date header', async () => {
    const res = await postBatch(c, [trackEvent()]);
    expect(Number.isFinite(Date.parse(String(res.headers.date)))).toBe(true);
  });

  it('acknowledges a re-sent event as a duplicate', async () => {
    const e = trackEvent();
    await postBatch(c, [e]);
    const res = await postBatch(c, [e, trackEvent()]);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('counts a messageId repeated inside one batch once', async () => {
    const e = trackEvent();
    expect((await postBatch(c, [e, e])).json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('stores the good events of a mixed batch and reports the bad ones by index', async () => {
    const bad = trackEvent({ event: undefined });
    const res = await postBatch(c, [trackEvent(), bad, trackEvent({ userId: undefined })]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, messageId: bad.messageId, error: 'batch[1].event: required for type "track"' },
        { index: 2, messageId: expect.any(String), error: 'batch[2]: needs userId or anonymousId' },
      ],
    });
  });

  it('answers 400 with the reasons when nothing is valid', async () => {
    const res = await postBatch(c, [{ type: 'track' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'no valid events in the request',
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, error: 'batch[0].messageId: required (a unique string, the dedupe key)' }],
    });
  });

  it('answers 400 for a body without a batch array', async () => {
    const res = await post('/v1/batch', '{"events":[]}', { authorization: basic(c.writeKey) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('body.batch: must be an array of events');
  });

  it('answers 400 for an empty batch', async () => {
    const res = await postBatch(c, []);
    expect(res.json()).toEqual({ error: 'body.batch: must contain at least one event' });
  });

  it('answers 400 for invalid JSON', async () => {
    const res = await post('/v1/batch', '{"batch": [', { authorization: basic(c.writeKey) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^body: is not valid JSON/);
  });

  it('answers 400 for an empty body', async () => {
    const res = await post('/v1/batch', '', { authorization: basic(c.writeKey) });
    expect(res.statusCode).toBe(400);
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await post('/v1/batch', '[1,2]', { authorization: basic(c.writeKey) });
    expect(res.json()).toEqual({ error: 'body: must be a JSON object' });
  });

  it('answers 413 for more than 2,500 events', async () => {
    const batch = Array.from({ length: 2501 }, (_, i) => ({ type: 'page', anonymousId: 'a', messageId: `${i}` }));
    const res = await postBatch(c, batch);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('body.batch: has 2501 events, over the 2500-event limit per batch');
  });

  it('answers 413 for a body over 500 KB', async () => {
    const big = JSON.stringify({ batch: [trackEvent({ properties: { pad: 'x'.repeat(520_000) } })] });
    const res = await post('/v1/batch', big, { authorization: basic(c.writeKey) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/over the 512000-byte limit per request/);
  });

  it('applies the size limit after gzip decoding', async () => {
    const big = gzipSync(JSON.stringify({ batch: [trackEvent({ properties: { pad: 'x'.repeat(600_000) } })] }));
    const res = await post('/v1/batch', big, { authorization: basic(c.writeKey), 'content-encoding': 'gzip' });
    expect(big.length).toBeLessThan(10_000);
    expect(res.statusCode).toBe(413);
  });

  it('rejects one event over 32 KB and keeps the rest', async () => {
    const res = await postBatch(c, [trackEvent({ properties: { pad: 'x'.repeat(33_000) } }), trackEvent()]);
    expect(res.json().accepted).toBe(1);
    expect(res.json().rejected[0].error).toMatch(/^batch\[0\]: is \d+ bytes, over the 32768-byte limit per event$/);
  });

  it('accepts gzip-encoded bodies', async () => {
    const body = gzipSync(JSON.stringify({ batch: [trackEvent()] }));
    const res = await post('/v1/batch', body, { authorization: basic(c.writeKey), 'content-encoding': 'gzip' });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('answers 400 for a corrupt gzip body', async () => {
    const res = await post('/v1/batch', Buffer.from('not gzip at all'), {
      authorization: basic(c.writeKey),
      'content-encoding': 'gzip',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^body: could not decode gzip/);
  });

  it('answers 415 for an unsupported content encoding', async () => {
    const res = await post('/v1/batch', 'x', { authorization: basic(c.writeKey), 'content-encoding': 'br' });
    expect(res.statusCode).toBe(415);
  });
});

describe('write key', () => {
  it('is accepted in the text/plain body, as the tracker sends it', async () => {
    const res = await post('/v1/batch', JSON.stringify({ writeKey: c.writeKey, batch: [trackEvent()] }), {
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('is accepted as a Bearer token', async () => {
    const res = await post('/v1/batch', JSON.stringify({ batch: [trackEvent()] }), {
      authorization: `Bearer ${c.writeKey}`,
    });
    expect(res.statusCode).toBe(200);
  });

  it('is required (401 naming where to put it)', async () => {
    const res = await post('/v1/batch', JSON.stringify({ batch: [trackEvent()] }));
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatch(/^missing write key/);
  });

  it('must be the right one (401)', async () => {
    const res = await post('/v1/batch', JSON.stringify({ batch: [trackEvent()] }), {
      authorization: basic('pk_wrong'),
    });
    expect(res.json()).toEqual({ error: 'invalid write key' });
  });

  it('is never stored with the event', async () => {
    await post('/v1/batch', JSON.stringify({ writeKey: c.writeKey, batch: [trackEvent({ writeKey: c.writeKey })] }));
    const [stored] = await c.store.listEvents(c.project, 0, 10);
    expect(stored?.body).not.toContain(c.writeKey);
  });
});

describe('single-event paths', () => {
  it.each([
    ['/v1/track', { event: 'Project Created', userId: 'u1' }],
    ['/v1/t', { event: 'Project Created', userId: 'u1' }],
    ['/v1/identify', { userId: 'u1', traits: { plan: 'pro' } }],
    ['/v1/i', { userId: 'u1' }],
    ['/v1/page', { anonymousId: 'a1', name: 'Home' }],
    ['/v1/p', { anonymousId: 'a1' }],
    ['/v1/screen', { anonymousId: 'a1' }],
    ['/v1/s', { anonymousId: 'a1' }],
    ['/v1/group', { userId: 'u1', groupId: 'g1' }],
    ['/v1/g', { userId: 'u1', groupId: 'g1' }],
    ['/v1/alias', { userId: 'u1', previousId: 'a1' }],
    ['/v1/a', { userId: 'u1', previousId: 'a9' }],
  ])('%s takes one event with its type from the path', async (path, fields) => {
    const res = await post(path, JSON.stringify({ ...fields, messageId: `m${path}` }), {
      authorization: basic(c.writeKey),
    });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('rejects a type that contradicts the path', async () => {
    const res = await post('/v1/track', JSON.stringify({ type: 'page', userId: 'u', messageId: 'x' }), {
      authorization: basic(c.writeKey),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().rejected).toEqual([
      { index: 0, messageId: 'x', error: 'body.type: must be "track" on this path' },
    ]);
  });
});

describe('batch envelope', () => {
  it('merges top-level context and integrations into each event, the event winning', async () => {
    await postBatch(c, [trackEvent({ context: { locale: 'fr' } })], {
      context: { library: { name: 'analytics-next' }, locale: 'en' },
      integrations: { All: false },
    });
    const [stored] = await c.store.listEvents(c.project, 0, 1);
    const body = JSON.parse(stored!.body);
    expect(body.context).toEqual({ library: { name: 'analytics-next' }, locale: 'fr' });
    expect(body.integrations).toEqual({ All: false });
  });

  it('corrects client clock skew with sentAt', async () => {
    // The client clock runs one hour behind the collector's.
    const e = trackEvent({ timestamp: '2026-11-22T10:59:00.000Z' });
    await postBatch(c, [e], { sentAt: '2026-11-22T11:00:00.000Z' });
    const [stored] = await c.store.listEvents(c.project, 0, 1);
    expect(new Date(stored!.at).toISOString()).toBe('2026-11-22T11:59:00.000Z');
  });

  it('uses originalTimestamp when there is no timestamp', async () => {
    await postBatch(c, [trackEvent({ timestamp: undefined, originalTimestamp: '2026-11-01T00:00:00.000Z' })]);
    const [stored] = await c.store.listEvents(c.project, 0, 1);
    expect(stored!.at).toBe(Date.parse('2026-11-01T00:00:00.000Z'));
  });

  it('keeps unknown fields', async () => {
    await postBatch(c, [trackEvent({ _metadata: { bundled: ['Segment.io'] }, custom: 1 })]);
    const [stored] = await c.store.listEvents(c.project, 0, 1);
    expect(JSON.parse(stored!.body)).toMatchObject({ _metadata: { bundled: ['Segment.io'] }, custom: 1 });
  });

  it('cannot be polluted through __proto__ or constructor keys', async () => {
    const e = trackEvent();
    const text = `{"batch":[${JSON.stringify(e).slice(0, -1)},"__proto__":{"polluted":1},"properties":{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}}}],"__proto__":{"polluted":4},"context":{"__proto__":{"polluted":5}}}`;
    const res = await post('/v1/batch', text, { authorization: basic(c.writeKey) });
    expect(res.json().accepted).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [stored] = await c.store.listEvents(c.project, 0, 1);
    expect(stored!.body).not.toContain('__proto__');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a write key spends its burst', async () => {
    const limited = await startCollector(backend, { rateLimit: { perSecond: 1, burst: 2 } });
    const send = () => postBatch(limited, [trackEvent()]);
    expect((await send()).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(200);
    const res = await send();
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ retryAfter: 1 });
    await limited.close();
  });
});

describe('POST /v1/diagnostics', () => {
  it('adds client drops to pulse_client_dropped_events_total', async () => {
    const body = JSON.stringify({
      writeKey: c.writeKey,
      dropped: { 'queue-full': 3, consent: 1 },
      library: { name: 't' },
    });
    const res = await post('/v1/diagnostics', body, { 'content-type': 'text/plain' });
    expect(res.json()).toEqual({ recorded: 4 });
    const metrics = (await c.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('pulse_client_dropped_events_total{reason="queue-full"} 3');
    expect(metrics).toContain('pulse_client_dropped_events_total{reason="consent"} 1');
  });

  it('rejects malformed counts', async () => {
    const res = await post('/v1/diagnostics', JSON.stringify({ writeKey: c.writeKey, dropped: { x: -1 } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('body.dropped.x: must be a whole number ≥ 0');
  });

  it('requires the write key', async () => {
    const res = await post('/v1/diagnostics', JSON.stringify({ dropped: {} }));
    expect(res.statusCode).toBe(401);
  });
});
