import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with the wait in whole seconds', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
    const decisions = [0, 0, 0, 0].map(() => limiter.take('k', 1000));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 1 });
    expect(limiter.take('k', 0).allowed).toBe(true);
    expect(limiter.take('k', 100).allowed).toBe(false);
    expect(limiter.take('k', 600).allowed).toBe(true);
  });

  it('keeps one bucket per key', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1 });
    expect([limiter.take('a', 0).allowed, limiter.take('b', 0).allowed, limiter.take('a', 0).allowed]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('asks slow rates to wait longer', () => {
    const limiter = createRateLimiter({ perSecond: 0.1, burst: 1 });
    limiter.take('k', 0);
    expect(limiter.take('k', 0).retryAfterSeconds).toBe(10);
  });
});
