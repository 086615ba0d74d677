import type { PulseConfig } from '@pulse/core';
import type { FastifyRequest } from 'fastify';
import { hasSecretKey } from './credentials.js';
import { identityToken, safeEqual } from './identity-token.js';

/**
 * The key that marks a stored event whose `userId` was not proven. It is always
 * the first key of the stored JSON body (the collector puts it there and strips
 * any a client sent), so `isScoredBody` can check it without parsing.
 *
 * @example
 * JSON.parse(row.body)[UNVERIFIED_MARK]; // → true
 */
export const UNVERIFIED_MARK = '_unverified';
const MARKED_PREFIX = `{"${UNVERIFIED_MARK}":true`;

/**
 * Where the proof of an event's `userId` comes from. `trusted` senders (the
 * secret key, `pulse import`) prove every id; a browser proves one user id with
 * its identity token: `X-Pulse-User-Token`, `userToken` at the top of a batch,
 * or `userToken` on the event itself (never stored).
 *
 * @example
 * const proof: IdentityProof = { trusted: false, secretKey: 'sk_…', headerToken: undefined };
 */
export interface IdentityProof {
  trusted: boolean;
  secretKey: string;
  headerToken: string | undefined;
}

/**
 * What server-side callers (`pulse import`, internal replays) pass: every id is proven.
 *
 * @example
 * await ingestBody(ctx, body, 'batch', SERVER_SIDE);
 */
export const SERVER_SIDE: IdentityProof = { trusted: true, secretKey: '', headerToken: undefined };

/**
 * The proof a request carries: trusted with `Authorization: Bearer <secretKey>`,
 * else the `X-Pulse-User-Token` header, if any.
 *
 * @example
 * const proof = identityProofOf(request, ctx.secretKey);
 */
export function identityProofOf(req: FastifyRequest, secretKey: string): IdentityProof {
  const header = req.headers['x-pulse-user-token'];
  return {
    trusted: hasSecretKey(req, secretKey),
    secretKey,
    headerToken: typeof header === 'string' && header.length > 0 ? header : undefined,
  };
}

/**
 * True when `userId` is proven: a trusted sender, or one of the given tokens is
 * `identityToken(secretKey, userId)` (compared in constant time through `safeEqual`).
 *
 * @example
 * isIdentityVerified(proof, 'user-42', [proof.headerToken, batchToken, eventToken]);
 */
export function isIdentityVerified(proof: IdentityProof, userId: string, tokens: readonly unknown[]): boolean {
  if (proof.trusted) return true;
  const given = tokens.filter((t): t is string => typeof t === 'string' && t.length > 0);
  // Most browser events carry no token: no HMAC to compute for them.
  if (given.length === 0) return false;
  const expected = identityToken(proof.secretKey, userId);
  return given.some((t) => safeEqual(t.toLowerCase(), expected));
}

/**
 * The event to validate and store: without a client-sent mark or `userToken`,
 * and with the mark first when it names a `userId` that `verified` does not
 * prove. Anonymous events claim no identity and are never marked. Copies only
 * when something changes.
 *
 * @example
 * const stored = markIdentity(raw, (userId) => isIdentityVerified(proof, userId, [proof.headerToken]));
 */
export function markIdentity(
  raw: Record<string, unknown>,
  verified: (userId: string, eventToken: unknown) => boolean,
): Record<string, unknown> {
  const userId = raw.userId;
  const claims = typeof userId === 'string' && userId.length > 0;
  const unverified = claims && !verified(userId, Object.hasOwn(raw, 'userToken') ? raw.userToken : undefined);
  if (!Object.hasOwn(raw, UNVERIFIED_MARK) && !Object.hasOwn(raw, 'userToken')) {
    // The common case (nothing to strip): at most one copy, on the ingestion hot path.
    return unverified ? { [UNVERIFIED_MARK]: true, ...raw } : raw;
  }
  const { [UNVERIFIED_MARK]: _mark, userToken: _token, ...rest } = raw;
  return unverified ? { [UNVERIFIED_MARK]: true, ...rest } : rest;
}

/**
 * True when a stored event body may move its user's score under `config`: always,
 * unless `requireVerifiedIdentity` is on and the body carries the unverified mark.
 *
 * @example
 * if (!isScoredBody(row.body, config)) continue;
 */
export function isScoredBody(body: string, config: PulseConfig): boolean {
  return config.requireVerifiedIdentity !== true || !body.startsWith(MARKED_PREFIX);
}
