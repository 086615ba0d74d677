import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { createCollector, type Collector } from '../../src/create-collector.js';
import { openJetStreamLog } from '../../src/log/jetstream-log.js';
import type { EventLog, LogMessage } from '../../src/log/event-log.js';
import { readApplied } from '../../src/log/applied-offsets.js';
import { loadConfig } from '../../src/config/config-holder.js';
import { openStore } from '../../src/store/open-store.js';
import { applyBatch } from '../../src/worker/apply-batch.js';
import { createWorker, type Worker } from '../../src/worker/create-worker.js';
import { basic, tempDbPath, trackEvent } from '../support.js';
import { natsMissing, startNatsCluster, type NatsCluster } from './nats-cluster.js';

// The log path end to end in one process, on a one-node JetStream of its own:
// publish → worker → database, read-your-writes, replay and leases.
const missing = natsMissing();
if (missing !== null) console.log(`event log tests not run: ${missing}`);

describe.skipIf(missing !== null)('ingestion through the event log', () => {
  let cluster: NatsCluster;
  beforeAll(async () => {
    cluster = await startNatsCluster(1);
  }, 30_000);
  afterAll(async () => cluster?.stop());

  let prefixes = 0;
  const open = (partitions = 4): Promise<EventLog> =>
    openJetStreamLog({
      servers: cluster.servers,
      partitions,
      prefix: `T${process.pid}_${prefixes++}`,
      leaseTtlMs: 1500,
    });

  async function setup(): Promise<{ collector: Collector; worker: Worker; db: string; cleanup(): Promise<void> }> {
    const t = tempDbPath();
    const log = await open();
    const collector = await createCollector({
      db: t.path,
      config: SAAS_CONFIG,
      writeKey: 'pk_test',
      secretKey: 'sk_test',
      rateLimit: false,
      background: false,
      log,
    });
    const workerLog = await openJetStreamLog({
      servers: cluster.servers,
      prefix: `T${process.pid}_${prefixes - 1}`,
      leaseTtlMs: 1500,
    });
    const worker = createWorker({
      log: workerLog,
      target: { store: collector.store, configs: collector.context.configs, webhooks: [], now: Date.now },
      waitMs: 200,
      tickMs: 200,
    });
    return {
      collector,
      worker,
      db: t.path,
      async cleanup() {
        await worker.close();
        await workerLog.close();
        await collector.close();
        t.cleanup();
      },
    };
  }

  const post = (c: Collector, batch: unknown[]) =>
    c.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basic(c.writeKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ batch }),
    });

  it('answers with a position, and a state read after it sees the events', async () => {
    const s = await setup();
    try {
      const events = [trackEvent({ userId: 'ryw' }), trackEvent({ userId: 'ryw', event: 'Teammate Invited' })];
      const res = await post(s.collector, events);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { accepted: number; duplicates: number; position: string };
      expect(body).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(body.position).toMatch(/^\d+:\d+$/);
      const state = await s.collector.app.inject({
        url: `/v1/users/ryw/state?after=${encodeURIComponent(body.position)}`,
        headers: { authorization: 'Bearer sk_test' },
      });
      expect(state.statusCode).toBe(200);
      expect(state.headers['x-pulse-behind']).toBe('0');
      // The same state as a collector that commits directly computes from the same events.
      const t = tempDbPath();
      const direct = await createCollector({
        db: t.path,
        config: SAAS_CONFIG,
        writeKey: 'pk_test',
        secretKey: 'sk_test',
        rateLimit: false,
        background: false,
      });
      try {
        expect((await post(direct, events)).json()).toMatchObject({ accepted: 2 });
        const expected = await direct.app.inject({
          url: '/v1/users/ryw/state',
          headers: { authorization: 'Bearer sk_test' },
        });
        const strip = (v: Record<string, unknown>) => ({ ...v, asOf: undefined });
        expect(strip(state.json())).toEqual(strip(expected.json()));
        expect(state.json().points).not.toBe(0);
      } finally {
        await direct.close();
        t.cleanup();
      }
      // /metrics: nothing behind, each partition leased, the batch counted.
      const metrics = (await s.collector.app.inject({ url: '/metrics' })).body;
      const [p] = body.position.split(':');
      expect(metrics).toContain(`pulse_log_lag_messages{partition="${p}"} 0`);
      expect(metrics).toContain(`pulse_log_batch_records_total{partition="${p}"} 2`);
      expect(metrics).toMatch(new RegExp(`pulse_log_lease\\{partition="${p}",worker="[^"]+"\\} 1`));
      const ingestion = await s.collector.app.inject({
        url: '/v1/admin/ingestion',
        headers: { authorization: 'Bearer sk_test' },
      });
      expect(ingestion.json()).toMatchObject({ log: true, behind: 0 });
      expect(ingestion.json().partitions).toHaveLength(4);
      // A quick retry of the same messageIds is dropped by the log itself.
      expect((await post(s.collector, events)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    } finally {
      await s.cleanup();
    }
  }, 30_000);

  it('refuses a position token that is not one, naming the parameter', async () => {
    const s = await setup();
    try {
      const state = await s.collector.app.inject({
        url: '/v1/users/x/state?after=bogus',
        headers: { authorization: 'Bearer sk_test' },
      });
      expect(state.statusCode).toBe(400);
      expect(state.json().error).toMatch(/^after:/);
    } finally {
      await s.cleanup();
    }
  }, 30_000);

  it('changes nothing when a committed batch is replayed by a later lease holder', async () => {
    const t = tempDbPath();
    const store = openStore(t.path);
    await store.migrate();
    try {
      const configs = await loadConfig(store, SAAS_CONFIG);
      const target = { store, configs, webhooks: [], now: Date.now };
      const messages: LogMessage[] = [1, 2, 3].map((offset) => {
        const event = trackEvent({ userId: 'replay' });
        return {
          partition: 0,
          offset,
          records: [
            {
              project: 'default',
              messageId: event.messageId as string,
              key: 'u:replay',
              json: JSON.stringify(event),
              at: Date.parse(event.timestamp as string),
              receivedAt: Date.now(),
            },
          ],
        };
      });
      const first = await applyBatch(target, { partition: 0, owner: 'a', epoch: 5 }, messages);
      expect(first).toMatchObject({ records: 3, inserted: 3 });
      const user = await store.getUser('default', 'u:replay');
      // The same batch again from offset 0 (a holder that crashed before acknowledging).
      const again = await applyBatch(target, { partition: 0, owner: 'b', epoch: 9 }, messages);
      expect(again).toMatchObject({ records: 3, inserted: 0, duplicates: 3 });
      expect(await store.getUser('default', 'u:replay')).toEqual(user);
      expect((await readApplied(store, 0)).offset).toBe(3);
      // An older lease can no longer commit this partition.
      await expect(applyBatch(target, { partition: 0, owner: 'a', epoch: 5 }, messages)).rejects.toThrow(/taken over/);
    } finally {
      await store.close();
      t.cleanup();
    }
  });

  it('gives a lease to one holder at a time and lets another take it once expired', async () => {
    const log = await open();
    try {
      const a = await log.leases.acquire(1, 'a');
      expect(a).not.toBeNull();
      expect(await log.leases.acquire(1, 'b')).toBeNull();
      expect(await log.leases.renew(a!)).toBe(true);
      await new Promise((r) => setTimeout(r, 1700));
      const b = await log.leases.acquire(1, 'b');
      expect(b!.epoch).toBeGreaterThan(a!.epoch);
      expect(await log.leases.renew(a!)).toBe(false);
      expect((await log.leases.holders()).get(1)).toBe('b');
    } finally {
      await log.close();
    }
  });

  it('reports the batches not yet applied while no worker runs', async () => {
    const t = tempDbPath();
    const log = await open();
    const c = await createCollector({
      db: t.path,
      writeKey: 'pk_test',
      secretKey: 'sk_test',
      rateLimit: false,
      background: false,
      log,
    });
    try {
      const first = await post(c, [trackEvent({ userId: 'lag-a' })]);
      expect(first.statusCode).toBe(200);
      expect((await post(c, [trackEvent({ userId: 'lag-b' })])).statusCode).toBe(200);
      const res = await c.app.inject({ url: '/v1/admin/ingestion', headers: { authorization: 'Bearer sk_test' } });
      expect(res.json()).toMatchObject({ log: true, behind: 2 });
      // The first message of its partition: after the 2 s wait, still one batch behind.
      const position = first.json().position as string;
      expect(position).toMatch(/^\d+:1$/);
      const state = await c.app.inject({
        url: `/v1/users/lag-a/state?after=${position}`,
        headers: { authorization: 'Bearer sk_test' },
      });
      expect(state.headers['x-pulse-behind']).toBe('1');
      expect((await c.app.inject({ url: '/v1/admin/ingestion' })).statusCode).toBe(401);
    } finally {
      await c.close();
      t.cleanup();
    }
  }, 30_000);
});
