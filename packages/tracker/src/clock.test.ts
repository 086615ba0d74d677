import { afterEach, expect, it, vi } from 'vitest';
import { monotonicNow } from './clock.js';

afterEach(() => vi.restoreAllMocks());

it('is close to the wall clock', () => {
  expect(Math.abs(monotonicNow() - Date.now())).toBeLessThan(1000);
});

it('does not go back when the wall clock is set back', () => {
  const before = monotonicNow();
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 3_600_000);
  expect(monotonicNow()).toBeGreaterThanOrEqual(before);
});

it('catches up, forward, when the wall clock is far ahead (the machine slept)', () => {
  const ahead = Date.now() + 8 * 3_600_000;
  vi.spyOn(Date, 'now').mockReturnValue(ahead);
  expect(Math.abs(monotonicNow() - ahead)).toBeLessThan(1000);
});
