import { expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

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
