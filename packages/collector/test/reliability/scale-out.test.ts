import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { makeBatch, postBatch, seededRandom, type LoadEvent, type PostResult } from './load-generator.js';
import { freshDatabase, PG_URL } from './postgres-databases.js';
import { inspectDatabase } from './stored-state.js';

// Scale-out: two `pulse serve` processes on one PostgreSQL database get every
// batch at the same time (as a load balancer retrying on another instance
// would), then once more. Nothing is lost or counted twice, and the users'
// rollups and scores equal those of one process that got each batch once.
const SEED = Number(process.env.PULSE_FAULT_SEED ?? 20_261_122);
const BATCHES = 80;
const WORKERS = 4;

if (PG_URL === undefined) console.log('Scale-out test not run: set PULSE_TEST_POSTGRES=postgres://… to run it');

async function until2xx(url: string, batch: LoadEvent[]): Promise<PostResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const r = await postBatch(url, batch, { sentAt: false });
    if (r.status >= 200 && r.status < 300) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no 2xx from ${url} after 50 attempts`);
}

/** Runs `fn` over `items` with `workers` at a time. */
async function pool<T>(items: T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

describe.runIf(PG_URL !== undefined)('scale-out on one PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function collectorsOn(prefix: string, n: number): Promise<{ db: string; procs: CollectorProcess[] }> {
    const d = await freshDatabase(PG_URL as string, prefix);
    const procs = await Promise.all(
      Array.from({ length: n }, async () => startCollectorProcess({ db: d.url, port: await freePort() })),
    );
    cleanups.push(async () => {
      for (const p of procs) await p.kill();
      await d.drop();
    });
    return { db: d.url, procs };
  }

  it('two instances given the same batches concurrently: no loss, no double count, same scores as one', async () => {
    const rng = seededRandom(SEED);
    const now = Date.now();
    const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch(rng, `so${SEED}-b${i}`, 15, now));
    const total = batches.reduce((n, b) => n + b.length, 0);

    const pair = await collectorsOn('pulse_scale', 2);
    const [a, b] = pair.procs as [CollectorProcess, CollectorProcess];
    let accepted = 0;
    let duplicates = 0;
    let resentDuplicates = 0;
    await pool(batches, WORKERS, async (batch) => {
      const [ra, rb] = await Promise.all([until2xx(a.url, batch), until2xx(b.url, batch)]);
      accepted += (ra.body?.accepted ?? 0) + (rb.body?.accepted ?? 0);
      duplicates += (ra.body?.duplicates ?? 0) + (rb.body?.duplicates ?? 0);
      // A client retrying after a lost answer: both instances must now call it all duplicates.
      const again = await Promise.all([until2xx(b.url, batch), until2xx(a.url, batch)]);
      for (const r of again) resentDuplicates += r.body?.duplicates ?? 0;
      expect(again.map((r) => r.body?.accepted)).toEqual([0, 0]);
    });
    await Promise.all(pair.procs.map((p) => p.stop()));

    const single = await collectorsOn('pulse_single', 1);
    const [one] = single.procs as [CollectorProcess];
    for (const batch of batches) await until2xx(one.url, batch);
    await one.stop();

    const scaled = await inspectDatabase(pair.db);
    const alone = await inspectDatabase(single.db);
    console.log(
      `scale-out seed=${SEED}: ${BATCHES} batches, ${total} events, each sent 4× over 2 instances: ` +
        `accepted=${accepted} duplicates=${duplicates}+${resentDuplicates} stored=${scaled.counts.size} ` +
        `users=${scaled.stored.length}`,
    );
    expect(accepted).toBe(total);
    expect(duplicates).toBe(total);
    expect(resentDuplicates).toBe(2 * total);
    expect(scaled.counts.size).toBe(total);
    expect([...scaled.counts.values()].every((n) => n === 1)).toBe(true);
    expect(scaled.stored.length).toBeGreaterThan(0);
    expect(scaled.stored).toEqual(alone.stored);
    expect(scaled.stored).toEqual(scaled.rescored);
  }, 60_000);
});
