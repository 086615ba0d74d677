const LEASE_MS = 40_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `task` while holding the origin-wide lock `name`, so exactly one tab sends
 * from the shared queue at a time. Uses Web Locks; where they are missing, a
 * localStorage lease (write, wait, re-read: the last writer wins) that expires
 * if its tab dies; without localStorage either, the tab is assumed to be alone.
 *
 * @example
 * await withFlushLock('pulse-flush-pk_live', () => sendOldestBatch());
 */
export function withFlushLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  return navigator.locks ? (navigator.locks.request(name, task) as Promise<T>) : withLease(name, task);
}

async function withLease<T>(name: string, task: () => Promise<T>): Promise<T> {
  const me = String(Math.random());
  const holder = (): string | undefined => {
    try {
      const [id, until] = (localStorage.getItem(name) ?? '').split(' ');
      return Number(until) > Date.now() ? id : undefined;
    } catch {
      return me;
    }
  };
  for (;;) {
    if (holder() === undefined) {
      try {
        localStorage.setItem(name, `${me} ${Date.now() + LEASE_MS}`);
      } catch {
        // Storage refused the write: holder() reports us, as for a lone tab.
      }
      await sleep(50); // a tab that wrote at the same moment overwrites us within this wait
      if (holder() === me) break;
    }
    await sleep(100 + Math.random() * 200);
  }
  try {
    return await task();
  } finally {
    try {
      if (holder() === me) localStorage.removeItem(name);
    } catch {
      // nothing to release
    }
  }
}
