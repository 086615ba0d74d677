import { afterEach, expect, it, vi } from 'vitest';
import { freshWriteKey } from '../test/mock-collector.js';
import { withFlushLock } from './flush-lock.js';

afterEach(() => vi.restoreAllMocks());

async function overlaps(name: string): Promise<number> {
  let inside = 0;
  let most = 0;
  const task = async () => {
    most = Math.max(most, ++inside);
    await new Promise((r) => setTimeout(r, 20));
    inside--;
  };
  await Promise.all(Array.from({ length: 4 }, () => withFlushLock(name, task)));
  return most;
}

it('runs one holder at a time with Web Locks', async () => {
  expect(await overlaps(freshWriteKey())).toBe(1);
});

it('returns the task result with Web Locks', async () => {
  expect(await withFlushLock(freshWriteKey(), async () => 42)).toBe(42);
});

it('runs the task at once, and returns its result, where Web Locks are missing', async () => {
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
  const name = freshWriteKey();
  expect(await withFlushLock(name, async () => 'ran')).toBe('ran');
  expect(localStorage.getItem(name)).toBeNull(); // no stand-in lock left behind
});
