import type { FastifyRequest } from 'fastify';
import { PulseError } from '../errors.js';
import { identityToken, safeEqual } from './identity-token.js';
import { getOwn, isRecord } from '../own.js';

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
    throw new PulseError(
      'unauthorized',
      'missing write key: send it as the HTTP Basic user, a Bearer token or "writeKey" in the body',
    );
  }
  if (!safeEqual(given, writeKey)) throw new PulseError('unauthorized', 'invalid write key');
  return given;
}

/**
 * True when the request carries `Authorization: Bearer <secretKey>`.
 *
 * @example
 * if (!hasSecretKey(request, secretKey)) throw new PulseError('unauthorized', 'secret key required');
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
  throw new PulseError(
    'unauthorized',
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
    throw new PulseError(
      'unauthorized',
      'missing credentials: send X-Pulse-User-Token (identity token) or "Authorization: Bearer <secretKey>"',
    );
  }
  if (!safeEqual(token.toLowerCase(), identityToken(secretKey, userId))) {
    throw new PulseError('unauthorized', `invalid user token for user "${userId}"`);
  }
}
