import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../create-collector.js';

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

/** A batch as the tracker sends it: the write key in the body, no Authorization header. */
const batch = (events: unknown[]) => JSON.stringify({ writeKey: c.writeKey, batch: events });

const inject = (payload: Buffer, headers: Record<string, string> = {}) =>
  c.app.inject({ method: 'POST', url: '/v1/batch', payload, headers });

describe('gzip bodies without Content-Encoding (sniffed from 1f 8b)', () => {
  it('are inflated when sent as text/plain', async () => {
    const res = await inject(gzipSync(batch([trackEvent(), trackEvent()])), { 'content-type': 'text/plain' });
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('are inflated when sent with no content type, as a browser posts a Blob', async () => {
    const res = await inject(gzipSync(batch([trackEvent()])));
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('are inflated over a real socket, however the body is chunked', async () => {
    const url = await c.listen({ port: 0 });
    const body = gzipSync(
      batch(Array.from({ length: 300 }, () => trackEvent({ properties: { pad: 'y'.repeat(300) } }))),
    );
    const res = await fetch(`${url}/v1/batch`, { method: 'POST', body });
    expect(await res.json()).toEqual({ accepted: 300, duplicates: 0, rejected: [] });
  });

  it('answer 413 when they inflate past the limit (a zip bomb), counting the inflated bytes', async () => {
    const bomb = gzipSync(batch([trackEvent({ properties: { pad: 'x'.repeat(5_000_000) } })]));
    expect(bomb.length).toBeLessThan(10_000);
    const res = await inject(bomb, { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('body: over the 512000-byte limit per request (counted after gzip decoding)');
  });

  it('answer 400 naming gzip when the bytes after the magic number are not gzip', async () => {
    const res = await inject(Buffer.from([0x1f, 0x8b, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^body: could not decode gzip \(sniffed from the body\) \(.+\)$/);
  });

  it('answer 400 when the gzip stream is cut short', async () => {
    const whole = gzipSync(batch([trackEvent()]));
    const res = await inject(whole.subarray(0, whole.length - 12), { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^body: could not decode gzip \(sniffed from the body\)/);
  });

  it('leave plain JSON alone', async () => {
    const res = await inject(Buffer.from(batch([trackEvent()])), { 'content-type': 'text/plain' });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('still answer 400 for an empty body', async () => {
    const res = await inject(Buffer.alloc(0), { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('body: is empty (send a JSON object)');
  });

  it('are not double-decoded when Content-Encoding says gzip too', async () => {
    const res = await inject(gzipSync(batch([trackEvent()])), { 'content-encoding': 'gzip' });
    expect(res.json().accepted).toBe(1);
  });
});
