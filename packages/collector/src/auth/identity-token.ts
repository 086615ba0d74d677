import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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
