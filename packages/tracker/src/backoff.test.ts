import { afterEach, expect, it, vi } from 'vitest';
import { backoffDelay } from './backoff.js';

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
