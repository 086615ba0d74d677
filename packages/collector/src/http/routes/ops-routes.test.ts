import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { routesOf } from '../build-app.js';
import type { Collector } from '../../create-collector.js';

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { staticDir: '/nonexistent-demo' });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

describe('GET /healthz', () => {
  it('answers ok with the storage kind', async () => {
    const res = await c.app.inject({ url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok', store: 'sqlite', configVersion: 1 });
  });

  it('answers 503 when storage fails', async () => {
    c.store.getMeta = async () => {
      throw new Error('disk gone');
    };
    const res = await c.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'storage unavailable: disk gone' });
  });
});

describe('GET /metrics', () => {
  it('counts accepted, rejected and duplicate events and request latency', async () => {
    const e = trackEvent();
    await postBatch(c, [e, { type: 'track' }]);
    await postBatch(c, [e]);
    const res = await c.app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('pulse_events_accepted_total 1\n');
    expect(res.body).toContain('pulse_events_rejected_total 1\n');
    expect(res.body).toContain('pulse_events_duplicate_total 1\n');
    expect(res.body).toContain(
      'pulse_http_request_duration_seconds_count{method="POST",route="/v1/batch",status="200"} 2',
    );
  });
});

describe('GET /openapi.json', () => {
  const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}');

  it('documents every route the collector registers, and nothing else', async () => {
    const doc = (await c.app.inject({ url: '/openapi.json' })).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const registered = routesOf(c.app)
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${toOpenApi(r.url)}`)
      .sort();
    expect(registered.length).toBeGreaterThan(20);
    expect(documented).toEqual(registered);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await c.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    // Every webhook delivery is described by its x-pulse-event, with its payload's schema.
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'account.band_changed',
      'segment.entered',
      'segment.left',
      'user.band_changed',
    ]);
    expect(doc.webhooks['segment.left'].post.requestBody.content['application/json'].schema.required).toContain(
      'segmentId',
    );
    // JSON Schema 2020-12 writes tuples as prefixItems; draft 7's `items: [...]` is not valid there.
    const arrayItems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`));
      else if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'items' && Array.isArray(v)) arrayItems.push(path);
          walk(v, `${path}/${k}`);
        }
      }
    };
    walk(doc, '');
    expect(arrayItems).toEqual([]);
    expect(JSON.stringify(doc)).toContain('"prefixItems"');
  });

  it('describes every operation: a summary, and what each answer means', async () => {
    type Operation = { summary?: string; responses: Record<string, { description: string; content?: unknown }> };
    const doc = (await c.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const undescribed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(
          ([, op]) =>
            !op.summary ||
            Object.keys(op.responses).length === 0 ||
            Object.values(op.responses).some((r) => r.description === 'Default Response'),
        )
        .map(([method]) => `${method} ${path}`),
    );
    expect(undescribed).toEqual([]);
    const trend = doc.paths['/v1/admin/trend']!.get as Operation & { parameters: { name: string; schema: unknown }[] };
    expect(trend.parameters).toContainEqual(
      expect.objectContaining({ name: 'days', schema: expect.objectContaining({ minimum: 1, maximum: 365 }) }),
    );
    const results = doc.paths['/v1/experiments/{nudgeId}/results']!.get as Operation & {
      parameters: { name: string }[];
    };
    expect(results.parameters.map((p) => p.name).sort()).toEqual(['mde', 'nudgeId', 'power']);
    expect(doc.paths['/v1/batch']!.post!.responses['429']).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    });
    expect(results.responses['200']!.content).toMatchObject({
      'application/json': { schema: { properties: { verdict: expect.anything(), planning: expect.anything() } } },
    });
  });
});

describe('errors', () => {
  it('answers 404 with the method and path', async () => {
    const res = await c.app.inject({ method: 'POST', url: '/v2/nothing?x=1' });
    expect(res.json()).toEqual({ error: 'not found: POST /v2/nothing' });
  });

  it('keeps unknown API paths a 404 even with a static root', async () => {
    const res = await c.app.inject({ url: '/v1/unknown' });
    expect(res.statusCode).toBe(404);
  });

  it('hides internal errors behind a 500 that says the request was not stored', async () => {
    c.store.transaction = async () => {
      throw new Error('secret internals');
    };
    const res = await postBatch(c, [trackEvent()]);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internals');
  });
});
