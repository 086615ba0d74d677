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

it('runs one holder at a time with the localStorage lease when Web Locks are missing', async () => {
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
  expect(await overlaps(freshWriteKey())).toBe(1);
});

it('returns the task result and releases the lease', async () => {
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
  const name = freshWriteKey();
  expect(await withFlushLock(name, async () => 42)).toBe(42);
  expect(localStorage.getItem(name)).toBeNull();
});

it('takes over a lease whose tab died', async () => {
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
  const name = freshWriteKey();
  localStorage.setItem(name, `dead-tab ${Date.now() - 1}`);
  expect(await withFlushLock(name, async () => 'ran')).toBe('ran');
});
