import { getOwn, isRecord } from '@pulse/core';
import { PulseError } from '../errors.js';
import type { Principal } from './admin-keys.js';
import type { IdentityProof } from './identity-proof.js';
import { identityToken, safeEqual } from './identity-token.js';

/**
 * What a request's headers carry, read once per request: the HTTP Basic user
 * and the Bearer token of `Authorization`, and the identity proof (whether the
 * Bearer token is the secret key, compared once in constant time, and the
 * `X-Pulse-User-Token`). Routes check it with the `require…` functions; the
 * ingest path gets `proof`.
 *
 * @example
 * const c: Credentials = readCredentials({ authorization: 'Bearer sk_…' }, secretKey);
 * c.proof.trusted; // → true
 */
export interface Credentials {
  basic: string | undefined;
  bearer: string | undefined;
  proof: IdentityProof;
  /** Who the Bearer key acts as (secret key or admin key), set by the permission check; null when neither. */
  principal?: Principal | null;
}

function authorization(header: string | undefined): { basic?: string; bearer?: string } {
  if (typeof header !== 'string') return {};
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') return { bearer: value };
  if (scheme !== 'basic') return {};
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { basic: colon === -1 ? decoded : decoded.slice(0, colon) };
}

/**
 * Reads the credentials of a request's headers (see `Credentials`).
 *
 * @example
 * const credentials = readCredentials(request.headers, ctx.secretKey);
 */
export function readCredentials(
  headers: { authorization?: string | undefined; 'x-pulse-user-token'?: string | string[] | undefined },
  secretKey: string,
): Credentials {
  const { basic, bearer } = authorization(headers.authorization);
  const token = headers['x-pulse-user-token'];
  return {
    basic,
    bearer,
    proof: {
      trusted: bearer !== undefined && safeEqual(bearer, secretKey),
      secretKey,
      headerToken: typeof token === 'string' && token.length > 0 ? token : undefined,
    },
  };
}

/**
 * The write key a request carries, in Segment's places: the HTTP Basic user
 * (`base64(writeKey + ":")`), a Bearer token, or `writeKey` in one of `places`
 * (the JSON body, the query string), in that order.
 *
 * @example
 * const key = writeKeyOf(credentials, request.body, request.query);
 */
export function writeKeyOf(credentials: Credentials, ...places: unknown[]): string | undefined {
  if (credentials.basic) return credentials.basic;
  if (credentials.bearer) return credentials.bearer;
  for (const place of places) {
    if (!isRecord(place)) continue;
    const k = getOwn(place, 'writeKey');
    if (typeof k === 'string' && k.length > 0) return k;
  }
  return undefined;
}

/**
 * Throws `unauthorized` unless the request carries the project's write key
 * (see `writeKeyOf`); returns it.
 *
 * @example
 * requireWriteKey(credentials, collector.writeKey, request.body, request.query);
 */
export function requireWriteKey(credentials: Credentials, writeKey: string, ...places: unknown[]): string {
  const given = writeKeyOf(credentials, ...places);
  if (given === undefined) {
    throw new PulseError(
      'unauthorized',
      'missing write key: send it as the HTTP Basic user, a Bearer token or "writeKey" in the body',
    );
  }
  if (!safeEqual(given, writeKey)) throw new PulseError('unauthorized', 'invalid write key');
  return given;
}

/**
 * Throws `unauthorized` unless the request carries the secret key (or an owner's admin key) as a Bearer token.
 *
 * @example
 * requireSecretKey(credentials);
 */
export function requireSecretKey(credentials: Credentials): void {
  if (credentials.proof.trusted || credentials.principal?.role === 'owner') return;
  throw new PulseError(
    'unauthorized',
    credentials.bearer === undefined
      ? 'missing secret key: send "Authorization: Bearer <secretKey>"'
      : 'invalid secret key',
  );
}

/**
 * Throws `unauthorized` unless the request may read `userId`'s data: the secret
 * key or an admin key, or `X-Pulse-User-Token` equal to `identityToken(secretKey, userId)`
 * (compared in constant time).
 *
 * @example
 * requireUserAccess(credentials, request.params.userId);
 */
export function requireUserAccess(credentials: Credentials, userId: string): void {
  const { trusted, secretKey, headerToken } = credentials.proof;
  // Any admin key may read (every role has `read`).
  if (trusted || (credentials.principal ?? null) !== null) return;
  if (headerToken === undefined) {
    throw new PulseError(
      'unauthorized',
      'missing credentials: send X-Pulse-User-Token (identity token) or "Authorization: Bearer <secretKey>"',
    );
  }
  if (!safeEqual(headerToken.toLowerCase(), identityToken(secretKey, userId))) {
    throw new PulseError('unauthorized', `invalid user token for user "${userId}"`);
  }
}
