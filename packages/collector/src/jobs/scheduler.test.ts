import { afterAll, describe, expect, it } from 'vitest';
import { backends } from '../../test/support.js';
import { DAY_MS, parseInterval, RECOMPUTED_AT_META, startScheduler } from './scheduler.js';

const backend = backends()[0]!;
afterAll(() => backend.cleanup());

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('parseInterval', () => {
  it('reads durations with units, plain milliseconds and off', () => {
    expect(parseInterval('24h')).toBe(DAY_MS);
    expect(parseInterval('1d')).toBe(DAY_MS);
    expect(parseInterval('30m')).toBe(1_800_000);
    expect(parseInterval('90s')).toBe(90_000);
    expect(parseInterval('1500')).toBe(1500);
    expect(parseInterval('off')).toBe(0);
    expect(parseInterval('0')).toBe(0);
  });

  it('names what it cannot read', () => {
    expect(() => parseInterval('daily')).toThrow('interval: "daily" is not a duration like 24h, 1d, 30m, 90s or off');
  });
});

describe('startScheduler', () => {
  it('runs the job once per interval of the given clock, the first one interval after the first start', async () => {
    const store = backend.open();
    await store.migrate();
    let now = 1_000_000;
    const runs: number[] = [];
    const stop = startScheduler({
      store,
      intervalMs: DAY_MS,
      now: () => now,
      checkMs: 5,
      job: async () => runs.push(now),
    });
    let stored: string | null = null;
    while (stored === null) {
      stored = await store.getMeta(RECOMPUTED_AT_META);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(stored).toBe('1000000');
    now += DAY_MS - 1;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toEqual([]);
    now += 1;
    await until(() => runs.length === 1);
    now += DAY_MS;
    await until(() => runs.length === 2);
    expect(runs).toEqual([1_000_000 + DAY_MS, 1_000_000 + 2 * DAY_MS]);
    stop();
    await store.close();
  });

  it('remembers the last run across restarts', async () => {
    const store = backend.open();
    await store.migrate();
    await store.transaction((tx) => tx.setMeta(RECOMPUTED_AT_META, String(5 * DAY_MS)));
    const runs: number[] = [];
    const stop = startScheduler({
      store,
      intervalMs: DAY_MS,
      now: () => 6 * DAY_MS,
      checkMs: 5,
      job: async () => runs.push(1),
    });
    await until(() => runs.length === 1);
    expect(await store.getMeta(RECOMPUTED_AT_META)).toBe(String(6 * DAY_MS));
    stop();
    await store.close();
  });

  it('does nothing with an interval of 0', async () => {
    const store = backend.open();
    await store.migrate();
    const stop = startScheduler({ store, intervalMs: 0, now: Date.now, job: async () => undefined });
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.getMeta(RECOMPUTED_AT_META)).toBeNull();
    stop();
    await store.close();
  });
});
