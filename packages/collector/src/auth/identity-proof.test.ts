import type { PulseConfig } from '@pulse/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backends, basic, postBatch, startCollector, trackEvent } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { identityToken } from './identity-token.js';
import type { Collector } from '../create-collector.js';
import { isScoredBody, UNVERIFIED_MARK } from '../store/unverified-mark.js';
import { markIdentity } from './identity-proof.js';

const backend = backends()[0]!;
let c: Collector;
const STRICT: PulseConfig = { ...SAAS_CONFIG, requireVerifiedIdentity: true };
const token = (userId: string) => identityToken('sk_test', userId);

afterAll(() => backend.cleanup());

async function scoreOf(userId: string): Promise<number> {
  const res = await c.app.inject({ url: `/v1/users/${userId}/state`, headers: { authorization: 'Bearer sk_test' } });
  return (res.json() as { score: number }).score;
}
const stored = (userId: string) => c.store.transaction((tx) => tx.userEvents(c.project, `u:${userId}`));
const send = (batch: unknown[], headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  c.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic('pk_test'), 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ batch, ...extra }),
  });

describe('markIdentity / isScoredBody', () => {
  it('marks a userId claim without proof first, and strips client marks and tokens', () => {
    const no = () => false;
    expect(Object.keys(markIdentity({ type: 'track', userId: 'u', [UNVERIFIED_MARK]: false }, no))[0]).toBe(
      UNVERIFIED_MARK,
    );
    expect(markIdentity({ type: 'track', userId: 'u', userToken: 't', [UNVERIFIED_MARK]: true }, () => true)).toEqual({
      type: 'track',
      userId: 'u',
    });
    const anonymous = { type: 'track', anonymousId: 'a' };
    expect(markIdentity(anonymous, no)).toBe(anonymous);
  });

  it('skips marked bodies only when the config requires verified identities', () => {
    const body = JSON.stringify(markIdentity({ userId: 'u' }, () => false));
    expect(isScoredBody(body, STRICT)).toBe(false);
    expect(isScoredBody(body, SAAS_CONFIG)).toBe(true);
    expect(isScoredBody('{"properties":{"_unverified":true}}', STRICT)).toBe(true);
  });
});

describe('requireVerifiedIdentity', () => {
  afterEach(() => c.close());

  it("stores a client's unproven claim of a userId but leaves that user's score alone", async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    const res = await send([trackEvent({ userId: 'victim', messageId: 'forged-1' })]);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const rows = await stored('victim');
    expect(rows.map((r) => r.messageId)).toEqual(['forged-1']);
    expect(JSON.parse(rows[0]!.body)[UNVERIFIED_MARK]).toBe(true);
    expect(await scoreOf('victim')).toBe(0);
  });

  it('scores events proven by the header, a batch-level or an event-level userToken (never stored)', async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    await send([trackEvent({ userId: 'h' })], { 'x-pulse-user-token': token('h') });
    await send([trackEvent({ userId: 'b' })], {}, { userToken: token('b') });
    await send([trackEvent({ userId: 'e', userToken: token('e') })]);
    for (const id of ['h', 'b', 'e']) {
      expect(await scoreOf(id), id).toBeGreaterThan(0);
      const body = (await stored(id))[0]!.body;
      expect(body).not.toContain(UNVERIFIED_MARK);
      expect(body).not.toContain(token(id));
    }
  });

  it("refuses another user's token, a forged one and a client-sent verified mark", async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    await send([trackEvent({ userId: 'victim', userToken: token('attacker') })]);
    await send([trackEvent({ userId: 'victim' })], { 'x-pulse-user-token': 'f'.repeat(64) });
    await send([trackEvent({ userId: 'victim', [UNVERIFIED_MARK]: false })]);
    expect((await stored('victim')).length).toBe(3);
    expect(await scoreOf('victim')).toBe(0);
  });

  it("proves only the token's own user in a batch that names several", async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    await send([trackEvent({ userId: 'mine' }), trackEvent({ userId: 'theirs' })], {}, { userToken: token('mine') });
    expect(await scoreOf('mine')).toBeGreaterThan(0);
    expect(await scoreOf('theirs')).toBe(0);
  });

  it('links no anonymous history into a user on an unproven identify or alias', async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    await send([trackEvent({ userId: undefined, anonymousId: 'anon-x' })]);
    await send([
      { type: 'identify', userId: 'victim', anonymousId: 'anon-x', messageId: 'id-1' },
      { type: 'alias', userId: 'victim', previousId: 'anon-x', messageId: 'al-1' },
    ]);
    expect(await scoreOf('victim')).toBe(0);
  });

  it('counts events sent with the secret key and anonymous events as before', async () => {
    c = await startCollector(backend, { config: STRICT, now: () => NOW });
    const res = await c.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: 'Bearer sk_test', 'content-type': 'application/json' },
      payload: JSON.stringify({ batch: [trackEvent({ userId: 'server' })] }),
    });
    expect(res.statusCode).toBe(200);
    expect(await scoreOf('server')).toBeGreaterThan(0);
  });

  it('keeps unproven events out of a rescore from raw events, and counts them again when turned off', async () => {
    c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
    await postBatch(c, [trackEvent({ userId: 'v' }), trackEvent({ userId: 'v', event: 'Teammate Invited' })]);
    const before = await scoreOf('v');
    expect(before).toBeGreaterThan(0);
    const admin = (config: PulseConfig) =>
      c.app.inject({
        method: 'PUT',
        url: '/v1/admin/config',
        headers: { authorization: 'Bearer sk_test' },
        payload: config,
      });
    expect((await admin(STRICT)).statusCode).toBe(200);
    expect(await scoreOf('v')).toBe(0);
    await c.rescore();
    expect(await scoreOf('v')).toBe(0);
    expect((await admin(SAAS_CONFIG)).statusCode).toBe(200);
    expect(await scoreOf('v')).toBe(before);
  });

  it('is validated as a boolean', async () => {
    c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
    const res = await c.app.inject({
      method: 'PUT',
      url: '/v1/admin/config',
      headers: { authorization: 'Bearer sk_test' },
      payload: { ...SAAS_CONFIG, requireVerifiedIdentity: 'yes' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'requireVerifiedIdentity', message: 'must be true or false' }]);
  });
});
