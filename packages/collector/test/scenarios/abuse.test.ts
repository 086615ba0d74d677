import { connect, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, basic, postBatch, startCollector, trackEvent } from '../support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { identityToken } from '../../src/auth/identity-token.js';
import type { Collector } from '../../src/create-collector.js';
import { openApiDocument } from '../../src/http/openapi.js';
import { INGEST_PATHS } from '../../src/http/routes/ingest-routes.js';
import { SOURCE_CONFIG_PATHS } from '../../src/http/routes/source-config-routes.js';

// What a holder of the public write key, a forged identity token or a secret key
// in the wrong place can do: nothing beyond writing events and reading the
// public config. docs/reliability.md "Abuse" cites these tests.

const backend = backends()[0]!;
let c: Collector;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW, dev: false });
  await postBatch(c, [
    trackEvent({ userId: 'u1' }),
    trackEvent({ userId: 'u2' }),
    { type: 'group', userId: 'u1', groupId: 'acme', messageId: 'grp-1' },
  ]);
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

type Method = 'GET' | 'POST' | 'PUT';
const WRITE_PATHS = new Set([...Object.values(INGEST_PATHS).flat(), '/v1/diagnostics']);
/** What the write key may read: the public config, and the stub source config RudderStack's SDK waits for. */
const WRITE_KEY_READS = new Set(['/v1/config', ...SOURCE_CONFIG_PATHS]);
/** Routes anyone may call without a key: they hold no user data. */
const PUBLIC_PATHS = new Set([
  '/healthz',
  '/metrics',
  '/openapi.json',
  '/sdk/{path}',
  '/dashboard',
  '/dashboard/{path}',
]);
const SAMPLE: Record<string, string> = { userId: 'u1', groupId: 'acme', nudgeId: 'invite-nudge', path: 'index.html' };

function operations(): { method: Method; path: string; url: string }[] {
  return Object.entries(openApiDocument(c.app).paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({
      method: m.toUpperCase() as Method,
      path,
      url: path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'x'),
    })),
  );
}

function call(method: Method, url: string, headers: Record<string, string> = {}, payload?: unknown) {
  return c.app.inject({
    method,
    url,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

describe('the write key only writes', () => {
  const asWriteKey: [string, (url: string) => [string, Record<string, string>]][] = [
    ['Basic', (url) => [url, { authorization: basic('pk_test') }]],
    ['Bearer', (url) => [url, { authorization: 'Bearer pk_test' }]],
    ['?writeKey=', (url) => [`${url}?writeKey=pk_test`, {}]],
  ];

  it('covers every route of the OpenAPI document', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(25);
    expect(ops.filter((o) => !WRITE_PATHS.has(o.path) && !PUBLIC_PATHS.has(o.path)).map((o) => o.path)).toEqual(
      expect.arrayContaining([
        '/v1/admin/config',
        '/v1/admin/users/{userId}',
        '/v1/experiments',
        '/v1/users/{userId}/state',
      ]),
    );
  });

  for (const [form, place] of asWriteKey) {
    it(`refuses every read and admin route with 401/403 (write key as ${form})`, async () => {
      for (const op of operations()) {
        if (WRITE_PATHS.has(op.path) || PUBLIC_PATHS.has(op.path) || WRITE_KEY_READS.has(op.path)) continue;
        const [url, headers] = place(op.url);
        const res = await call(op.method, url, headers, op.method === 'GET' ? undefined : SAAS_CONFIG);
        expect([401, 403], `${op.method} ${op.path}: ${res.body}`).toContain(res.statusCode);
        expect(res.json().error).toMatch(/key|credentials|token/);
        expect(res.body).not.toContain('u2');
      }
    });
  }

  it('gets no more from the public routes than a request with no key at all', async () => {
    for (const op of operations().filter((o) => PUBLIC_PATHS.has(o.path))) {
      const anonymous = await call(op.method, op.url);
      const withKey = await call(op.method, op.url, { authorization: basic('pk_test') });
      expect(withKey.statusCode, op.path).toBe(anonymous.statusCode);
      expect(withKey.body).not.toMatch(/u:u[12]|sk_test|acme|grp-1/);
    }
  });

  it('reads only the public part of the config: scores, models and nudges, never origins or server options', async () => {
    await call(
      'PUT',
      '/v1/admin/config',
      { authorization: 'Bearer sk_test' },
      {
        ...SAAS_CONFIG,
        requireVerifiedIdentity: true,
      },
    );
    const res = await call('GET', '/v1/config', { authorization: basic('pk_test') });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['defaultScore', 'models', 'nudges', 'scores']);
    expect(res.body).not.toContain('app.example.com');
    expect(res.body).not.toContain('requireVerifiedIdentity');
    for (const path of SOURCE_CONFIG_PATHS) {
      const source = await call('GET', path, { authorization: basic('pk_test') });
      expect(source.statusCode).toBe(200);
      expect(source.body).not.toMatch(/app\.example\.com|requireVerifiedIdentity|saas|invite-nudge|u:u[12]|pk_test/);
    }
  });

  it('still writes: every ingestion path accepts it', async () => {
    const extra: Record<string, Record<string, unknown>> = {
      track: {},
      identify: { traits: { plan: 'pro' } },
      page: {},
      screen: {},
      group: { groupId: 'acme' },
      alias: { previousId: 'anon-1' },
    };
    for (const [kind, paths] of Object.entries(INGEST_PATHS)) {
      for (const path of paths) {
        const event = trackEvent({ ...(kind === 'batch' ? {} : { type: kind }), ...extra[kind] });
        const body = kind === 'batch' ? { batch: [event] } : event;
        const res = await call('POST', path, { authorization: basic('pk_test') }, body);
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      }
    }
    const diag = await call('POST', '/v1/diagnostics', { authorization: basic('pk_test') }, { dropped: { full: 1 } });
    expect(diag.statusCode).toBe(200);
  });
});

describe('identity tokens', () => {
  const state = (userId: string, token: string) =>
    call('GET', `/v1/users/${encodeURIComponent(userId)}/state`, { 'x-pulse-user-token': token });
  const good = identityToken('sk_test', 'u1');

  it("reads the user's own state with the right token (any hex case)", async () => {
    expect((await state('u1', good)).statusCode).toBe(200);
    expect((await state('u1', good.toUpperCase())).statusCode).toBe(200);
  });

  it('refuses forged, truncated, padded, other-user and equal-length wrong tokens', async () => {
    const flipped = (good[0] === 'a' ? 'b' : 'a') + good.slice(1);
    const wrong = [
      'f'.repeat(64),
      flipped,
      good.slice(0, 63),
      good.slice(0, 32),
      `${good}00`,
      ` ${good}`,
      identityToken('sk_test', 'u2'),
      identityToken('sk_other', 'u1'),
      identityToken('pk_test', 'u1'),
      'sk_test',
      'pk_test',
    ];
    for (const token of wrong) {
      const res = await state('u1', token);
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error).toBe('invalid user token for user "u1"');
    }
  });

  it("never lets one user read another's state", async () => {
    const res = await state('u2', good);
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('"score"');
    const similar = ['u1 ', 'U1', 'u1/', 'u1%00'];
    for (const id of similar) expect((await state(id, good)).statusCode, id).toBe(401);
  });

  it('opens no admin or group route with an identity token', async () => {
    for (const url of ['/v1/admin/users/u1', '/v1/groups/acme/state', '/v1/admin/overview', '/v1/experiments']) {
      expect((await call('GET', url, { 'x-pulse-user-token': good })).statusCode, url).toBe(401);
    }
  });
});

describe('the secret key is accepted only as a Bearer header', () => {
  const adminUrls = [
    '/v1/admin/overview',
    '/v1/admin/users/u1',
    '/v1/groups/acme/state',
    '/v1/users/u1/state',
    '/v1/experiments',
  ];

  it('ignores it in the query string, under any name', async () => {
    for (const url of adminUrls) {
      for (const q of ['secretKey', 'key', 'token', 'access_token', 'apiKey', 'authorization', 'writeKey']) {
        const res = await call('GET', `${url}?${q}=sk_test`);
        expect(res.statusCode, `${url}?${q}`).toBe(401);
      }
      expect((await call('GET', `${url}?authorization=${encodeURIComponent('Bearer sk_test')}`)).statusCode).toBe(401);
    }
  });

  it('ignores it as HTTP Basic, in a body, or as the user token', async () => {
    for (const url of adminUrls) {
      expect((await call('GET', url, { authorization: basic('sk_test') })).statusCode, url).toBe(401);
      expect((await call('GET', url, { 'x-pulse-user-token': 'sk_test' })).statusCode, url).toBe(401);
    }
    const put = await call(
      'PUT',
      '/v1/admin/config',
      {},
      { ...SAAS_CONFIG, secretKey: 'sk_test', writeKey: 'sk_test' },
    );
    expect(put.statusCode).toBe(401);
  });

  it('is refused from a foreign browser origin before the key is looked at', async () => {
    const res = await call('GET', '/v1/admin/overview', {
      authorization: 'Bearer sk_test',
      origin: 'https://evil.example',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toContain('origin https://evil.example is not allowed');
    // The dashboard the collector serves is same-origin: its requests carry the key.
    const own = await call('GET', '/v1/admin/overview', {
      authorization: 'Bearer sk_test',
      host: 'pulse.example',
      origin: 'https://pulse.example',
    });
    expect(own.statusCode).toBe(200);
  });

  it('is never a write key', async () => {
    expect((await call('GET', '/v1/config?writeKey=sk_test')).statusCode).toBe(401);
    expect((await call('POST', '/v1/batch', {}, { writeKey: 'sk_test', batch: [trackEvent()] })).statusCode).toBe(401);
  });
});

/**
 * Opens a raw socket, sends `head`, then one byte of `drip` every 50 ms until the
 * server hangs up (or 10 s pass); resolves to what the server answered.
 */
function dribble(port: number, head: string, drip: string): Promise<{ answer: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => finish(false), 10_000);
    function finish(closedByServer: boolean): void {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, closedByServer });
    }
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (head !== '') socket.write(head);
      timer = setInterval(() => {
        if (!socket.writable || drip === '') return;
        socket.write(drip[sent % drip.length] as string);
        sent += 1;
      }, 50);
    });
  });
}

describe('slow clients (slow loris)', () => {
  let slow: Collector;
  let port: number;

  beforeEach(async () => {
    slow = await startCollector(backend, { timeouts: { headersMs: 400, requestMs: 800, idleMs: 5_000 } });
    await slow.listen({ port: 0 });
    port = (slow.app.server.address() as AddressInfo).port;
  });
  afterEach(() => slow.close());

  it('answers 408 and closes a socket that dribbles its headers past the header deadline', async () => {
    const { answer, closedByServer } = await dribble(port, 'POST /v1/batch HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    expect(closedByServer).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes a socket that dribbles its body past the request deadline', async () => {
    const head = `POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basic('pk_test')}\r\nContent-Length: 100000\r\n\r\n`;
    const { answer, closedByServer } = await dribble(port, head, '{"batch":[');
    expect(closedByServer).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that sends nothing at all', async () => {
    const quiet = await dribble(port, '', '');
    expect(quiet.closedByServer).toBe(true);
  });

  it('still serves a prompt client on the same server', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('per-key rate limit over HTTP', () => {
  it('answers 429 with Retry-After once a write key spends its burst, and never stores the refused batch', async () => {
    const limited = await startCollector(backend, { rateLimit: { perSecond: 0.01, burst: 3 } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postBatch>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await postBatch(limited, [trackEvent({ userId: 'rl', messageId: `rl-${i}` })]);
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error).toContain('rate limit exceeded for this write key');
    const rows = await limited.store.transaction((tx) => tx.userEvents(limited.project, 'u:rl'));
    expect(rows.map((r) => r.messageId)).toEqual(['rl-0', 'rl-1', 'rl-2']);
    await limited.close();
  });
});
