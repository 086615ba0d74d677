import type { PulseConfig } from '@pulse/core';
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

describe('GET /v1/config', () => {
  it('answers the scores, the default score’s models and nudges, never allowedOrigins', async () => {
    const res = await c.app.inject({ url: '/v1/config', headers: { authorization: basic(c.writeKey) } });
    expect(res.json()).toEqual({
      models: SAAS_CONFIG.models,
      scores: [{ id: 'engagement', label: 'Engagement', direction: 'higher-is-better', models: SAAS_CONFIG.models }],
      defaultScore: 'engagement',
      nudges: SAAS_CONFIG.nudges,
    });
    expect(res.body).not.toContain('allowedOrigins');
  });

  it.each([
    ['Basic auth', { headers: { authorization: basic('pk_test') } }],
    ['Bearer', { headers: { authorization: 'Bearer pk_test' } }],
    ['query', { query: { writeKey: 'pk_test' } }],
  ])('takes the write key by %s', async (_name, extra) => {
    const res = await c.app.inject({ url: '/v1/config', ...extra });
    expect(res.statusCode).toBe(200);
  });

  it('answers 304 for a matching If-None-Match', async () => {
    const first = await c.app.inject({ url: '/v1/config?writeKey=pk_test' });
    const etag = String(first.headers.etag);
    const res = await c.app.inject({ url: '/v1/config?writeKey=pk_test', headers: { 'if-none-match': etag } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
  });

  it('requires the write key', async () => {
    expect((await c.app.inject({ url: '/v1/config' })).statusCode).toBe(401);
    expect((await c.app.inject({ url: '/v1/config?writeKey=nope' })).statusCode).toBe(401);
  });
});

describe('PUT /v1/admin/config', () => {
  const put = (body: unknown, key = c.secretKey) =>
    c.app.inject({
      method: 'PUT',
      url: '/v1/admin/config',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('lists every problem by path', async () => {
    const res = await put({ models: [{ id: 'x', windowDays: -1 }], extra: true });
    expect(res.statusCode).toBe(400);
    const { error, issues } = res.json();
    expect(error).toBe('invalid config');
    expect(issues).toContainEqual({ path: 'extra', message: 'is not a known field' });
    expect(issues.some((i: { path: string }) => i.path.startsWith('models[0]'))).toBe(true);
  });

  it('stores the config, changes the ETag and rescores everyone from raw events', async () => {
    await postBatch(c, [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u2' })]);
    const before = String((await c.app.inject({ url: '/v1/config?writeKey=pk_test' })).headers.etag);
    const next: PulseConfig = structuredClone(SAAS_CONFIG);
    next.models![0]!.signals[0]!.weight = 40;
    const res = await put(next);
    expect(res.json()).toMatchObject({ version: 2, rescored: { users: 2, events: 2 } });
    const after = await c.app.inject({ url: '/v1/config?writeKey=pk_test', headers: { 'if-none-match': before } });
    expect(after.statusCode).toBe(200);
    const state = await c.app.inject({
      url: '/v1/users/u1/state',
      headers: { authorization: `Bearer ${c.secretKey}` },
    });
    expect(state.json().contributions[0].points).toBe(40);
  });

  it('requires the secret key', async () => {
    expect((await put(SAAS_CONFIG, c.writeKey)).statusCode).toBe(401);
  });
});
