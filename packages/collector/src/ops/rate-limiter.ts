/**
 * Token-bucket settings: a sustained rate and a burst size.
 *
 * @example
 * const limits: RateLimit = { perSecond: 1000, burst: 2000 };
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * The answer of a `RateLimiter`: allowed, or how many seconds to wait.
 *
 * @example
 * const d: RateDecision = { allowed: false, retryAfterSeconds: 1 };
 */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * A per-key token-bucket limiter.
 *
 * @example
 * const limiter: RateLimiter = createRateLimiter({ perSecond: 10, burst: 20 });
 */
export interface RateLimiter {
  take(key: string, now?: number): RateDecision;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per key (one per write key): each request takes a token; tokens
 * refill at `perSecond` up to `burst`. Refused requests learn the wait in whole
 * seconds (for `Retry-After`).
 *
 * @example
 * const limiter = createRateLimiter({ perSecond: 1000, burst: 2000 });
 * const { allowed, retryAfterSeconds } = limiter.take(writeKey);
 */
export function createRateLimiter(limit: RateLimit): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(key, now = Date.now()) {
      const bucket = buckets.get(key) ?? { tokens: limit.burst, updated: now };
      const elapsed = Math.max(0, now - bucket.updated) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
      bucket.updated = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)) };
    },
  };
}
