import { UNVERIFIED_MARK } from '../store/unverified-mark.js';
import { identityToken, safeEqual } from './identity-token.js';

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
