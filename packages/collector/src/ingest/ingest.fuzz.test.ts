import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@pulse/core';
import { backends, basic, startCollector } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import type { Collector } from '../create-collector.js';
import { INGEST_PATHS } from '../http/routes/ingest-routes.js';

// Thousands of hostile bodies against one real collector on a temp SQLite file:
// never a 5xx, always a 4xx that says what was wrong, and the valid events of a
// mixed batch always stored. `tried` is printed so docs/reliability.md can cite it.

// A fixed seed keeps CI deterministic; PULSE_FUZZ_SEED explores other corners locally.
fc.configureGlobal({ seed: Number(process.env.PULSE_FUZZ_SEED ?? 20_261_122) });

const backend = backends()[0]!;
let c: Collector;
let tried = 0;
const PATHS = Object.values(INGEST_PATHS).flat();

beforeAll(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
});
afterAll(async () => {
  console.log(`ingest fuzz: ${tried} hostile requests tried`);
  await c.close();
  await backend.cleanup();
});

type Payload = string | Buffer;

async function send(url: string, payload: Payload, headers: Record<string, string> = {}) {
  tried += 1;
  return c.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { authorization: basic(c.writeKey), 'content-type': 'application/json', ...headers },
  });
}

/** A 4xx whose body names what was wrong (a path like `batch[0].x`, `body`, or a header). */
function expectClear4xx(res: { statusCode: number; body: string }): void {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  const body = JSON.parse(res.body) as { error?: unknown; rejected?: { error: string }[] };
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(5);
  for (const r of body.rejected ?? []) expect(r.error).toMatch(/^(batch\[\d+\]|body)/);
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'type',
  'messageId',
  'userId',
  'anonymousId',
  'event',
  'properties',
  'traits',
  'context',
  'timestamp',
  'sentAt',
  'batch',
  'writeKey',
);
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\u0000', '<img src=x onerror=alert(1)>', '"><script>', '1e400'),
  fc.constantFrom('2026-11-22T12:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z'),
  fc.integer({ min: 1, max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string()), tie('v'), { maxKeys: 5 }),
  ),
}));
/** An event-shaped object with some fields hostile. */
const eventLike = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('track', 'identify', 'page', 'screen', 'group', 'alias', 'Track', ''),
      hostileValue.v,
    ),
    event: fc.oneof(fc.constantFrom('Project Created', 'Core Feature Used'), hostileValue.v),
    messageId: fc.oneof(fc.uuid(), hostileValue.v, fc.constant('m'.repeat(101))),
    userId: fc.oneof(fc.constantFrom('u1', 'fuzz-user'), hostileValue.v),
    anonymousId: hostileValue.v,
    previousId: hostileValue.v,
    groupId: hostileValue.v,
    timestamp: fc.oneof(hostileString, hostileValue.v, fc.integer().map(String)),
    properties: hostileValue.v,
    traits: hostileValue.v,
    context: hostileValue.v,
    __proto__: hostileValue.v,
    constructor: hostileValue.v,
  },
  { requiredKeys: [] },
);
/** A whole request body: anything JSON can carry, event-shaped or not. */
const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  eventLike,
  fc.record({ batch: fc.array(eventLike, { maxLength: 8 }) }, { requiredKeys: [] }),
  fc.record({ batch: hostileValue.v, sentAt: hostileValue.v, context: hostileValue.v }, { requiredKeys: [] }),
  hostileValue.v,
  fc.jsonValue(),
);
// JSON.stringify turns a `__proto__` own key into text like any other key.
const toText = (body: unknown): string => JSON.stringify(body) ?? 'undefined';

describe('ingestion fuzz: hostile bodies (property)', () => {
  it('answers every generated body with 200 or a clear 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), bodyArb, async (path, body) => {
        const res = await send(path, toText(body));
        if (res.statusCode !== 200) expectClear4xx(res);
        else expect(res.json()).toMatchObject({ accepted: expect.any(Number), rejected: expect.any(Array) });
      }),
      { numRuns: 2500 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('answers raw byte soup (invalid UTF-8, truncated JSON, control bytes) with a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((a) => Buffer.from(a)),
          bodyArb.chain((b) => fc.nat({ max: 400 }).map((n) => toText(b).slice(0, Math.max(1, n)) + '\u0000')),
          fc.constantFrom('{"batch":[{"type":"track","userId":"\xff\xfe"', '\ufeff{}', '[', '{"a":1}{"b":2}', 'null'),
        ),
        async (path, payload) => {
          const res = await send(path, payload);
          if (res.statusCode !== 200) expectClear4xx(res);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('answers wrong content types and encodings with a clear 4xx', async () => {
    const cases: [Record<string, string>, Payload][] = [
      [{ 'content-encoding': 'br' }, '{}'],
      [{ 'content-encoding': 'gzip' }, 'not gzip at all'],
      [{ 'content-encoding': 'deflate' }, Buffer.from([0x78, 0x9c, 0xff, 0xff])],
      [{ 'content-encoding': 'gzip' }, gzipSync('{"batch":').subarray(0, 12)],
      [{ 'content-type': 'application/json' }, ''],
    ];
    for (const [headers, payload] of cases) expectClear4xx(await send('/v1/batch', payload, headers));
  });
});

describe('ingestion fuzz: resource bombs', () => {
  it('refuses a gzip bomb that inflates past the body limit with 413 naming the limit', async () => {
    for (const size of [LIMITS.maxRequestBytes + 1, 8 * 1024 * 1024, 64 * 1024 * 1024]) {
      const bomb = gzipSync(Buffer.alloc(size, ' '));
      expect(bomb.length).toBeLessThan(LIMITS.maxRequestBytes);
      const res = await send('/v1/batch', bomb, { 'content-encoding': 'gzip' });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toContain(`${LIMITS.maxRequestBytes}-byte limit`);
    }
  });

  it('answers deep nesting (within the body limit) with a 4xx or stores it, never a 5xx', async () => {
    for (const depth of [1_000, 20_000, 200_000]) {
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const body = `{"batch":[{"type":"track","event":"Deep","userId":"deep","messageId":"deep-${depth}","properties":{"x":${nested}}}]}`;
      const res = await send('/v1/batch', body);
      if (res.statusCode !== 200) expectClear4xx(res);
    }
  });

  it('refuses an oversized plain body with 413 and a batch over the event limit with 413', async () => {
    const big = await send('/v1/track', JSON.stringify({ pad: 'x'.repeat(LIMITS.maxRequestBytes) }));
    expect(big.statusCode).toBe(413);
    const many = Array.from({ length: LIMITS.maxBatchEvents + 1 }, () => ({}));
    const res = await send('/v1/batch', JSON.stringify({ batch: many }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toContain(`${LIMITS.maxBatchEvents}-event limit`);
  });
});

const invalid = fc.constantFrom<[string, (e: Record<string, unknown>) => Record<string, unknown>]>(
  ['missing messageId', ({ messageId: _m, ...e }) => e],
  ['numeric type', (e) => ({ ...e, type: 1 })],
  ['numeric userId', (e) => ({ ...e, userId: 42 })],
  ['object userId', (e) => ({ ...e, userId: { $ne: null } })],
  ['numeric timestamp', (e) => ({ ...e, timestamp: 1_700_000_000_000 })],
  ['ancient timestamp', (e) => ({ ...e, timestamp: '0001-01-01T00:00:00Z' })],
  ['timestamp as digits', (e) => ({ ...e, timestamp: '1700000000000' })],
  ['array properties', (e) => ({ ...e, properties: ['<script>'] })],
  ['no identity', ({ userId: _u, ...e }) => e],
  ['huge property', (e) => ({ ...e, properties: { pad: 'x'.repeat(LIMITS.maxEventBytes) } })],
  ['long messageId', (e) => ({ ...e, messageId: 'm'.repeat(LIMITS.maxMessageIdLength + 1) })],
  ['prototype-only event', (e) => JSON.parse(`{"__proto__":${JSON.stringify(e)}}`) as Record<string, unknown>],
);
// Hostile but small, so a valid event stays under the per-event byte limit.
const smallHostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('\ud800', '<img src=x onerror=alert(1)>', '"><script>', '12', 'NaN'),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);
const validExtra = fc.record(
  {
    timestamp: fc.constantFrom('9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2026-11-22T11:00:00+02:00'),
    properties: fc.dictionary(fc.oneof(hostileKey, fc.string()), smallHostile, { maxKeys: 4 }),
    context: fc.constant({ __proto__: { admin: true }, constructor: { prototype: 1 } }),
    traits: fc.constant({ name: '<img src=x onerror=alert(1)>', email: '\ud800@x' }),
  },
  { requiredKeys: [] },
);

describe('ingestion fuzz: mixed batches keep every valid event (property)', () => {
  it('stores exactly the valid events of a mixed batch and names each rejection by index', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.tuple(fc.constant('ok' as const), validExtra), fc.tuple(fc.constant('bad' as const), invalid)),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (plan) => {
          run += 1;
          const events = plan.map((step, i) => {
            const base = {
              type: 'track',
              event: 'Core Feature Used',
              userId: `mix-${run}`,
              messageId: `mix-${run}-${i}`,
            };
            return step[0] === 'ok' ? { ...base, ...(JSON.parse(toText(step[1])) as object) } : step[1][1](base);
          });
          const validIds = events.flatMap((e, i) => (plan[i]![0] === 'ok' ? [e.messageId as string] : []));
          const res = await send('/v1/batch', toText({ batch: events }));
          if (validIds.length === 0) return expectClear4xx(res);
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json() as { accepted: number; rejected: { index: number; error: string }[] };
          expect(body.accepted).toBe(validIds.length);
          expect(body.rejected.map((r) => r.index)).toEqual(plan.flatMap((s, i) => (s[0] === 'bad' ? [i] : [])));
          for (const r of body.rejected) expect(r.error).toMatch(/^batch\[\d+\]/);
          const stored = await c.store.transaction((tx) => tx.userEvents(c.project, `u:mix-${run}`));
          expect(stored.map((e) => e.messageId).sort()).toEqual([...validIds].sort());
          for (const e of stored) expect(Number.isFinite(e.at)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('ingestion fuzz: through a real socket', () => {
  it('answers hostile bodies over TCP like app.inject does', async () => {
    await c.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = c.app.server.address() as AddressInfo;
    const post = (payload: Payload, headers: Record<string, string>): Promise<{ statusCode: number; body: string }> =>
      new Promise((resolve, reject) => {
        tried += 1;
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/batch',
            headers: { authorization: basic(c.writeKey), ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () =>
              resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, '{'));
    const cases: [Payload, Record<string, string>, number][] = [
      [bomb, { 'content-encoding': 'gzip', 'content-type': 'application/json' }, 413],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { 'content-type': 'text/plain' }, 400],
      ['{"batch":[{"__proto__":{"x":1}}]}', { 'content-type': 'application/json' }, 400],
      ['x'.repeat(LIMITS.maxRequestBytes + 10), { 'content-type': 'text/plain' }, 413],
    ];
    for (const [payload, headers, status] of cases) {
      const res = await post(payload, headers);
      expect(res.statusCode, res.body).toBe(status);
      expectClear4xx(res);
    }
    const ok = await post(
      JSON.stringify({
        batch: [{ type: 'track', event: 'E', userId: 'sock', messageId: 'sock-1', properties: { s: '\ud800' } }],
      }),
      { 'content-type': 'application/json' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const stored = await c.store.transaction((tx) => tx.userEvents(c.project, 'u:sock'));
    expect(stored.map((e) => e.messageId)).toEqual(['sock-1']);
  });
});
