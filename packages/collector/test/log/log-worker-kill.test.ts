import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../support.js';
import { freePort, startCollectorProcess } from '../reliability/collector-process.js';
import { startLoad } from '../reliability/load-generator.js';
import { inspectDatabase } from '../reliability/stored-state.js';
import { natsMissing, startNatsCluster, type NatsCluster } from './nats-cluster.js';
import { startWorkerProcess, waitForCatchUp, type WorkerProcess } from './worker-process.js';
import { readApplied } from '../../src/log/applied-offsets.js';
import { openStore } from '../../src/store/open-store.js';

// A worker SIGKILLed between a batch's commit and its acknowledgement to JetStream:
// the worker holds its first batch that stored new events there
// (PULSE_WORKER_HOLD_BEFORE_ACK_MS) and says so on stderr; the test kills it at that
// moment, under seeded load, and starts another worker. The new holder takes the
// partitions over, resumes after the offset the database holds (so the committed
// but unacknowledged batch is not applied twice), and afterwards every acknowledged
// event is stored exactly once and the stored rollups equal a rebuild from raw
// events. Waits for what it asserts with generous bounds (a loaded 2-core box).
const SEED = Number(process.env.PULSE_FAULT_SEED ?? 20_261_203);
const LEASE_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const missing = natsMissing();
if (missing !== null) console.log(`worker kill test not run: ${missing}`);

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | null): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf(missing !== null)('a worker SIGKILLed between commit and acknowledgement', () => {
  let cluster: NatsCluster;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  }, 60_000);
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c().catch(() => undefined);
    await cluster?.stop();
  }, 60_000);

  it('has its partitions taken over with nothing lost or counted twice', async () => {
    const prefix = `KA${process.pid}`;
    const t = tempDbPath();
    const serve = await startCollectorProcess({
      db: t.path,
      port: await freePort(),
      args: ['--log', cluster.servers, '--partitions', '8'],
      env: { PULSE_LOG_PREFIX: prefix, PULSE_LOG_LEASE_MS: String(LEASE_MS) },
    });
    const workers: WorkerProcess[] = [];
    cleanups.push(async () => {
      await serve.kill();
      for (const w of workers) await w.kill();
      t.cleanup();
    });
    const victim = await startWorkerProcess({
      db: t.path,
      servers: cluster.servers,
      prefix,
      leaseMs: LEASE_MS,
      env: { PULSE_WORKER_HOLD_BEFORE_ACK_MS: '600000' },
    });
    workers.push(victim);
    const load = startLoad({ seed: SEED, clients: 3, users: 25, url: () => serve.url, sentAt: true });

    // The victim has committed a batch and holds its acknowledgement: kill it there.
    const [, partition, offset] = await waitFor('the victim to hold a committed batch', 90_000, () =>
      /partition (\d+): committed up to offset (\d+), holding the ack/.exec(victim.stderr()),
    ).then((m) => m.map(Number));
    await victim.kill();
    expect(await victim.exited).toBe('SIGKILL');
    // The batch was committed (the database holds its offset) but never acknowledged.
    const store = openStore(t.path);
    const applied = await readApplied(store, partition!).finally(() => store.close());
    expect(applied.offset).toBeGreaterThanOrEqual(offset!);

    const heir = await startWorkerProcess({ db: t.path, servers: cluster.servers, prefix, leaseMs: LEASE_MS });
    workers.push(heir);
    // Once the victim's leases expire the heir holds every partition, the held one included.
    await waitFor('the heir to take over all 8 partitions', 90_000, () => {
      const taken = new Set([...heir.stderr().matchAll(/partition (\d+): acquired/g)].map((m) => Number(m[1])));
      return taken.size === 8 ? taken : null;
    });
    await sleep(1500);
    await load.stop();

    await waitForCatchUp({ db: t.path, servers: cluster.servers, prefix }, 90_000);
    await serve.stop();
    await heir.stop();
    const { counts, stored, rescored } = await inspectDatabase(t.path);
    const { stats } = load;
    const lost = [...stats.acked].filter((id) => counts.get(id) !== 1);
    const doubled = [...counts].filter(([, n]) => n !== 1);
    console.log(
      `worker kill seed=${SEED}: killed holding partition ${partition} offset ${offset}; events sent=${stats.sent.size} ` +
        `acked=${stats.acked.size} stored=${counts.size}, requests=${stats.requests} ok=${stats.ok} users=${stored.length}`,
    );
    expect(stats.acked.size).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(doubled).toEqual([]);
    expect([...counts.keys()].filter((id) => !stats.sent.has(id))).toEqual([]);
    expect(stats.rejected).toBe(0);
    expect(stats.miscounted).toBe(0);
    expect(counts.size).toBe(stats.sent.size);
    expect(stored.length).toBeGreaterThan(0);
    // Rollups counted each event once: they equal a rebuild from the raw events.
    expect(stored).toEqual(rescored);
  }, 300_000);
});
