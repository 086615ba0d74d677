import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCollectorProcess } from '../reliability/collector-process.js';
import { startLoad } from '../reliability/load-generator.js';
import { privateClusterUnavailable, startPrivateCluster } from '../reliability/postgres-databases.js';
import { inspectDatabase } from '../reliability/stored-state.js';
import { natsMissing, startNatsCluster, type NatsCluster } from './nats-cluster.js';
import { startWorkerProcess, waitForCatchUp } from './worker-process.js';

// With the log in front, a database outage no longer stops ingestion: a private
// PostgreSQL cluster (never the shared server) is stopped for 30 s under load;
// `pulse serve --log` keeps answering 2xx from the replicated log, the worker
// retries, and once the server is back the lag drains and every acknowledged
// event is stored exactly once with rollups equal to a rescore.
const SEED = Number(process.env.PULSE_FAULT_SEED ?? 20_261_203);
const OUTAGE_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reason = natsMissing() ?? privateClusterUnavailable();
if (reason !== null) console.log(`log database-down test not run: ${reason}`);

describe.runIf(reason === null)('PostgreSQL down behind the event log', () => {
  let nats: NatsCluster;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    nats = await startNatsCluster(3);
  }, 30_000);
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c();
    await nats?.stop();
  });

  it('keeps answering 2xx for 30 s without the database, then catches up exactly once', async () => {
    const pg = await startPrivateCluster();
    cleanups.push(() => pg.destroy());
    const prefix = `DB${process.pid}`;
    const env = { PULSE_LOG_PREFIX: prefix };
    const serve = await startCollectorProcess({
      db: pg.url,
      port: await freePort(),
      args: ['--log', nats.servers, '--partitions', '4'],
      env,
    });
    cleanups.push(() => serve.kill());
    const worker = await startWorkerProcess({ db: pg.url, servers: nats.servers, prefix, leaseMs: 5000 });
    cleanups.push(() => worker.kill());
    const load = startLoad({ seed: SEED, clients: 2, users: 25, url: () => serve.url, sentAt: true });
    await sleep(1000);
    pg.stop();
    const before = { acked: load.stats.acked.size, requests: load.stats.requests };
    await sleep(OUTAGE_MS);
    const during = {
      acked: load.stats.acked.size - before.acked,
      requests: load.stats.requests - before.requests,
      failures: { ...load.stats.statuses, network: load.stats.networkErrors },
    };
    pg.start();
    await load.stop();
    await waitForCatchUp({ db: pg.url, servers: nats.servers, prefix }, 60_000);
    await serve.stop();
    await worker.stop();
    const { counts, stored, rescored } = await inspectDatabase(pg.url);
    const { stats } = load;
    console.log(
      `log db-down seed=${SEED}: ${during.acked} events acknowledged in ${during.requests} requests during the ${OUTAGE_MS / 1000} s outage; ` +
        `sent=${stats.sent.size} acked=${stats.acked.size} stored=${counts.size} failures=${JSON.stringify(during.failures)}`,
    );
    // Every request during the outage was answered 2xx.
    expect(stats.statuses).toEqual({});
    expect(stats.networkErrors).toBe(0);
    expect(during.acked).toBeGreaterThan(100);
    expect(worker.stderr()).toMatch(/retrying/);
    expect([...stats.acked].filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(counts.size).toBe(stats.sent.size);
    expect(stored).toEqual(rescored);
  }, 150_000);
});
