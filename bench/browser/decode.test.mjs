// node --test bench/browser/
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeRequest } from './decode.mjs';

const json = (value) => Buffer.from(JSON.stringify(value));
const two = [
  { event: 'Bench Event', properties: { bk: 'a0' } },
  { event: 'Bench Event', properties: { bk: 'a1' } },
];

describe('decodeRequest', () => {
  it('reads a gzipped JSON array (PostHog)', () => {
    const result = decodeRequest({ url: '/e/?compression=gzip-js', body: gzipSync(JSON.stringify(two)) });
    assert.deepEqual(result, { events: 2, keys: ['a0', 'a1'] });
  });

  it('reads form-encoded base64 JSON (Mixpanel)', () => {
    const data = Buffer.from(JSON.stringify(two)).toString('base64');
    const body = Buffer.from(`data=${encodeURIComponent(data)}`);
    const result = decodeRequest({ url: '/track/', body, contentType: 'application/x-www-form-urlencoded' });
    assert.deepEqual(result, { events: 2, keys: ['a0', 'a1'] });
  });

  it('reads Snowplow payload_data with stringified and base64url self-describing events', () => {
    const inner = (bk) => ({ schema: 'unstruct', data: { schema: 'iglu:bench', data: { name: 'x', bk } } });
    const body = json({
      schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4',
      data: [
        { e: 'ue', ue_pr: JSON.stringify(inner('s0')) },
        { e: 'ue', ue_px: Buffer.from(JSON.stringify(inner('s1'))).toString('base64url') },
      ],
    });
    assert.deepEqual(decodeRequest({ url: '/com.snowplowanalytics.snowplow/tp2', body }), {
      events: 2,
      keys: ['s0', 's1'],
    });
  });

  it('reads Snowplow GET query strings', () => {
    const ue = Buffer.from(JSON.stringify({ data: { data: { bk: 'g0' } } })).toString('base64url');
    assert.deepEqual(decodeRequest({ url: `/i?e=ue&ue_px=${ue}`, body: Buffer.alloc(0) }), {
      events: 1,
      keys: ['g0'],
    });
  });

  it('reads an Amplitude events envelope', () => {
    const body = json({ api_key: 'k', events: [{ event_type: 'x', event_properties: { bk: 'm0' } }] });
    assert.deepEqual(decodeRequest({ url: '/2/httpapi', body }), { events: 1, keys: ['m0'] });
  });

  it('reads a batch envelope (Pulse, RudderStack) and counts events without a key', () => {
    const body = json({ batch: [{ type: 'track', properties: { bk: 'p0' } }, { type: 'identify' }], sentAt: 'now' });
    assert.deepEqual(decodeRequest({ url: '/v1/batch', body }), { events: 2, keys: ['p0'] });
  });

  it('reads a single event (Segment)', () => {
    const body = json({ type: 'track', event: 'x', properties: { bk: 't0' }, writeKey: 'w' });
    assert.deepEqual(decodeRequest({ url: '/v1/t', body }), { events: 1, keys: ['t0'] });
  });

  it('reports no events for a body that is not a payload', () => {
    assert.deepEqual(decodeRequest({ url: '/v1/t', body: Buffer.from('not json at all!') }), { events: 0, keys: [] });
  });
});
