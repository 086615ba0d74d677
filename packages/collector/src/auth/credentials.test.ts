import { describe, expect, it } from 'vitest';
import { isPulseError } from '../errors.js';
import { readCredentials, requireSecretKey, requireUserAccess, requireWriteKey, writeKeyOf } from './credentials.js';
import { identityToken } from './identity-token.js';

const SECRET = 'sk_secret';
const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (isPulseError(error, 'unauthorized')) return error.message;
    throw error;
  }
  return 'allowed';
};

describe('readCredentials', () => {
  it('reads the Basic user, the Bearer token and the user token once, trusting only the secret key', () => {
    expect(readCredentials({ authorization: basic('pk_1') }, SECRET)).toEqual({
      basic: 'pk_1',
      bearer: undefined,
      proof: { trusted: false, secretKey: SECRET, headerToken: undefined },
    });
    expect(readCredentials({ authorization: `Bearer ${SECRET}`, 'x-pulse-user-token': 'abc' }, SECRET).proof).toEqual({
      trusted: true,
      secretKey: SECRET,
      headerToken: 'abc',
    });
    expect(readCredentials({ authorization: 'Bearer pk_1' }, SECRET).proof.trusted).toBe(false);
    expect(readCredentials({ authorization: `Token ${SECRET}` }, SECRET)).toMatchObject({
      basic: undefined,
      bearer: undefined,
    });
  });
});

describe('the checks on credentials', () => {
  it('takes the write key from Basic, then Bearer, then the places given in order', () => {
    const none = readCredentials({}, SECRET);
    expect(writeKeyOf(readCredentials({ authorization: basic('pk_a') }, SECRET), { writeKey: 'pk_b' })).toBe('pk_a');
    expect(writeKeyOf(none, { writeKey: '' }, { writeKey: 'pk_q' })).toBe('pk_q');
    expect(refusal(() => requireWriteKey(none, 'pk_1', {}))).toMatch(/^missing write key/);
    expect(refusal(() => requireWriteKey(none, 'pk_1', { writeKey: 'pk_2' }))).toBe('invalid write key');
    expect(requireWriteKey(none, 'pk_1', { writeKey: 'pk_1' })).toBe('pk_1');
  });

  it('admits the secret key for admin reads and a user token for that user only', () => {
    const secret = readCredentials({ authorization: `Bearer ${SECRET}` }, SECRET);
    const user = readCredentials({ 'x-pulse-user-token': identityToken(SECRET, 'u1').toUpperCase() }, SECRET);
    expect(refusal(() => requireSecretKey(secret))).toBe('allowed');
    expect(refusal(() => requireSecretKey(user))).toMatch(/^missing secret key/);
    expect(refusal(() => requireSecretKey(readCredentials({ authorization: 'Bearer x' }, SECRET)))).toBe(
      'invalid secret key',
    );
    expect([requireUserAccess, requireUserAccess].map((f, i) => refusal(() => f(user, i === 0 ? 'u1' : 'u2')))).toEqual(
      ['allowed', 'invalid user token for user "u2"'],
    );
    expect(refusal(() => requireUserAccess(secret, 'anyone'))).toBe('allowed');
  });
});
