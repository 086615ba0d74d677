import { afterEach, expect, it, vi } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff.js';

afterEach(() => vi.restoreAllMocks());

it('draws a full-jitter delay below base·2^(attempt−1)', () => {
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
  expect(backoffDelay(1, 1000, 60_000)).toBeCloseTo(999);
  expect(backoffDelay(4, 1000, 60_000)).toBeCloseTo(7992);
});

it('caps the bound', () => {
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  expect(backoffDelay(30, 1000, 60_000)).toBe(30_000);
});

it('can be zero: full jitter spreads clients from the start', () => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
  expect(backoffDelay(3, 1000, 60_000)).toBe(0);
});

it('reads Retry-After in seconds', () => {
  expect(retryAfterMs('120', 0)).toBe(120_000);
});

it('reads Retry-After as an HTTP date', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  expect(retryAfterMs('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
});

it('ignores a missing or unreadable Retry-After', () => {
  expect(retryAfterMs(null, 0)).toBeUndefined();
  expect(retryAfterMs('soon', 0)).toBeUndefined();
});
