import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import { getOwn, isRecord } from '../own.js';

/**
 * A user's identity token: hex `HMAC-SHA256(secretKey, userId)`. The customer's
 * backend computes it and hands it to the page, so a user can read only their own state.
 *
 * @example
 * identityToken('sk_…', 'user-42'); // → '3f1c…' (64 hex characters)
 */
export function identityToken(secretKey: string, userId: string): string {
  return createHmac('sha256', secretKey).update(userId, 'utf8').digest('hex');
}

/**
 * Constant-time string comparison: both sides are hashed first, so neither the
 * content nor the length of the expected value leaks through timing.
 *
 * @example
 * safeEqual(given, writeKey);
 */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/**
 * A new random key with a readable prefix (`pk_` write key, `sk_` secret key).
 *
 * @example
 * generateKey('pk'); // → 'pk_5f0c…' (32 hex characters after the prefix)
 */
export function generateKey(prefix: 'pk' | 'sk'): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

function authorization(req: FastifyRequest): { basic?: string; bearer?: string } {
  const header = req.headers.authorization;
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
 * The write key a request carries, in Segment's places: the HTTP Basic user
 * (`base64(writeKey + ":")`), a Bearer token, `writeKey` in the JSON body, or
 * (for `GET /v1/config`) the `writeKey` query parameter.
 *
 * @example
 * const key = writeKeyOf(request, request.body);
 */
export function writeKeyOf(req: FastifyRequest, body?: unknown): string | undefined {
  const { basic, bearer } = authorization(req);
  if (basic) return basic;
  if (bearer) return bearer;
  if (isRecord(body)) {
    const k = getOwn(body, 'writeKey');
    if (typeof k === 'string' && k.length > 0) return k;
  }
  const query = req.query;
  if (isRecord(query)) {
    const k = getOwn(query, 'writeKey');
    if (typeof k === 'string' && k.length > 0) return k;
  }
  return undefined;
}

/**
 * Throws 401 unless the request carries the project's write key.
 *
 * @example
 * requireWriteKey(request, request.body, collector.writeKey);
 */
export function requireWriteKey(req: FastifyRequest, body: unknown, writeKey: string): string {
  const given = writeKeyOf(req, body);
  if (given === undefined) {
    throw new HttpError(
      401,
      'missing write key: send it as the HTTP Basic user, a Bearer token or "writeKey" in the body',
    );
  }
  if (!safeEqual(given, writeKey)) throw new HttpError(401, 'invalid write key');
  return given;
}

/**
 * True when the request carries `Authorization: Bearer <secretKey>`.
 *
 * @example
 * if (!hasSecretKey(request, secretKey)) throw new HttpError(401, 'secret key required');
 */
export function hasSecretKey(req: FastifyRequest, secretKey: string): boolean {
  const { bearer } = authorization(req);
  return bearer !== undefined && safeEqual(bearer, secretKey);
}

/**
 * Throws 401 unless the request carries the secret key as a Bearer token.
 *
 * @example
 * requireSecretKey(request, secretKey);
 */
export function requireSecretKey(req: FastifyRequest, secretKey: string): void {
  if (hasSecretKey(req, secretKey)) return;
  const { bearer } = authorization(req);
  throw new HttpError(
    401,
    bearer === undefined ? 'missing secret key: send "Authorization: Bearer <secretKey>"' : 'invalid secret key',
  );
}

/**
 * Throws 401 unless the request may read `userId`'s data: the secret key, or
 * `X-Pulse-User-Token` equal to `identityToken(secretKey, userId)` (compared in
 * constant time).
 *
 * @example
 * requireUserAccess(request, secretKey, request.params.userId);
 */
export function requireUserAccess(req: FastifyRequest, secretKey: string, userId: string): void {
  if (hasSecretKey(req, secretKey)) return;
  const token = req.headers['x-pulse-user-token'];
  if (typeof token !== 'string' || token.length === 0) {
    throw new HttpError(
      401,
      'missing credentials: send X-Pulse-User-Token (identity token) or "Authorization: Bearer <secretKey>"',
    );
  }
  if (!safeEqual(token.toLowerCase(), identityToken(secretKey, userId))) {
    throw new HttpError(401, `invalid user token for user "${userId}"`);
  }
}
