import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startCollectorProcess } from './collector-process.js';
import { makeBatch, postBatch, seededRandom, startLoad, type LoadEvent, type PostResult } from './load-generator.js';
import { privateClusterUnavailable, startPrivateCluster } from './postgres-databases.js';
import { inspectDatabase } from './stored-state.js';

// The database goes away mid-run: a private PostgreSQL cluster (never the shared
// server, which other test files use) is really stopped under load and started
// again. The collector must answer 503 with Retry-After meanwhile, never a 2xx
// for an event it did not store, and recover by itself once the server is back.
const SEED = Number(process.env.PULSE_FAULT_SEED ?? 20_261_122);
const reason = privateClusterUnavailable();
if (reason !== null) console.log(`Database-down test not run: ${reason}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resends `batch` until a 2xx (the client's retry), for at most ~20 s. */
async function until2xx(url: string, batch: LoadEvent[]): Promise<PostResult> {
  let last: PostResult | undefined;
  for (let i = 0; i < 200; i++) {
    last = await postBatch(url, batch, { sentAt: true });
    if (last.status >= 200 && last.status < 300) return last;
    await sleep(100);
  }
  throw new Error(`the collector did not recover within ~20 s: ${last?.status} ${JSON.stringify(last?.body)}`);
}

describe.runIf(reason === null)('PostgreSQL unavailable mid-run', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('answers 503 + Retry-After while the server is down, recovers by itself, loses nothing acknowledged', async () => {
    const cluster = await startPrivateCluster();
    cleanups.push(() => cluster.destroy());
    const collector = await startCollectorProcess({ db: cluster.url, port: await freePort() });
    cleanups.push(() => collector.kill());
    const load = startLoad({ seed: SEED, clients: 3, users: 20, url: () => collector.url, sentAt: true });
    await sleep(700);
    const ackedBeforeStop = load.stats.acked.size;

    cluster.stop(); // `pg_ctl stop -m fast -w`: returns once the server is gone
    const stoppedAt = Date.now();
    const rng = seededRandom(SEED + 1);
    const now = Date.now();
    const probes = Array.from({ length: 10 }, (_, i) => makeBatch(rng, `down${SEED}-p${i}`, 20, now));
    const downAnswers: PostResult[] = [];
    for (const probe of probes) {
      downAnswers.push(await postBatch(collector.url, probe, { sentAt: true }));
      await sleep(100);
    }

    const restartedAt = Date.now();
    cluster.start();
    const recoveries: PostResult[] = [];
    for (const probe of probes) {
      recoveries.push(
        await until2xx(collector.url, probe).catch((e: Error) =>
          Promise.reject(new Error(`${e.message}\n${collector.stderr()}`)),
        ),
      );
    }
    const recoveryMs = Date.now() - restartedAt;
    await sleep(300);
    expect(collector.child.exitCode, collector.stderr()).toBeNull(); // it recovered by itself, no restart
    await load.stop();
    await collector.stop();

    const { stats } = load;
    const { counts, stored, rescored } = await inspectDatabase(cluster.url);
    const probeIds = probes.flat().map((e) => e.messageId);
    console.log(
      `db-down seed=${SEED}: acked before stop=${ackedBeforeStop}, 503s while down=${stats.statuses[503] ?? 0} ` +
        `(+${downAnswers.length} probes), probes all stored ${recoveryMs} ms after restart; events sent=${stats.sent.size + probeIds.length} ` +
        `acked=${stats.acked.size + probeIds.length} stored=${counts.size}; other statuses=${JSON.stringify(stats.statuses)}`,
    );
    expect(downAnswers.map((r) => [r.status, r.retryAfter])).toEqual(probes.map(() => [503, '5']));
    expect(downAnswers[0]?.body?.error).toMatch(/^storage unavailable/);
    expect(Object.keys(stats.statuses)).toEqual(['503']); // never a 500 or anything else
    expect(recoveries.map((r) => r.body?.accepted)).toEqual(probes.map((p) => p.length));
    // No request sent while the server was down got a 2xx.
    expect(stats.okSentAt.filter((t) => t >= stoppedAt && t < restartedAt)).toEqual([]);
    expect([...stats.acked, ...probeIds].filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(counts.size).toBe(stats.sent.size + probeIds.length);
    expect(stored).toEqual(rescored);
  }, 60_000);
});
