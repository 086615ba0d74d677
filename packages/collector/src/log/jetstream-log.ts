import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { EventLog, LogMessage, LogRecord, PartitionReader, PublishResult } from './event-log.js';
import { decodeRecords, encodeRecords } from './log-record.js';
import { createJetStreamLeases } from './jetstream-leases.js';
import { partitionOf } from './partition-of.js';

/**
 * Where the log is and how it is laid out. `servers` is `nats://h1:4222,h2:4222`
 * (or a list); `replicas` defaults to 3 when the cluster has at least 3 nodes, else 1.
 *
 * @example
 * const o: JetStreamLogOptions = { servers: 'nats://127.0.0.1:4222', partitions: 16 };
 */
export interface JetStreamLogOptions {
  servers: string | string[];
  partitions?: number;
  replicas?: number;
  leaseTtlMs?: number;
  /** How long the log keeps records already applied (default 7 days). */
  maxAgeMs?: number;
  /** Name prefix, so tests and several deployments can share a cluster. Default `PULSE`. */
  prefix?: string;
}

const DAY_MS = 86_400_000;

function serverList(servers: string | string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',') : servers;
  return list.map((s) => s.trim().replace(/^nats:\/\//, '')).filter(Boolean);
}

async function clusterSize(nc: NatsConnection, given: number): Promise<number> {
  const gossiped = nc.info?.connect_urls?.length ?? 0;
  return Math.max(given, gossiped);
}

interface ReaderPlace {
  stream: string;
  consumer: string;
  partition: number;
}

async function startConsumer(jsm: JetStreamManager, place: ReaderPlace, from: number): Promise<void> {
  await jsm.consumers.delete(place.stream, place.consumer).catch(() => undefined);
  await jsm.consumers.add(place.stream, {
    durable_name: place.consumer,
    ack_policy: AckPolicy.All,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: from,
    ack_wait: 60e9,
    max_ack_pending: 20_000,
    inactive_threshold: 3_600e9,
  });
}

// Reads strictly in order. A fetch cut short (a node lost mid-delivery) leaves
// records delivered but never seen here; acknowledging a later offset (AckAll)
// would skip them, so a gap restarts the consumer at the first missing offset.
function createReader(
  js: JetStreamClient,
  jsm: JetStreamManager,
  place: ReaderPlace,
  afterOffset: number,
): PartitionReader {
  const pending = new Map<number, JsMsg>();
  let next = afterOffset + 1;
  let consumer: Consumer | null = null;
  return {
    partition: place.partition,
    async fetch(max, waitMs) {
      consumer ??= await js.consumers.get(place.stream, place.consumer);
      const expires = Math.max(1000, waitMs);
      const batch = await consumer.fetch({ max_messages: max, expires });
      // A pull on a consumer deleted meanwhile (another holder took over) may never end by itself.
      const guard = setTimeout(() => batch.stop(), expires + 5000);
      const out: LogMessage[] = [];
      // `next` moves only when the whole fetch is handed over: records of a fetch that
      // failed half-way were delivered but never seen, and must come again.
      let cursor = next;
      try {
        for await (const msg of batch) {
          if (msg.seq < cursor) continue; // a redelivery of a record already in hand
          if (msg.seq > cursor) {
            const first = (await jsm.streams.info(place.stream)).state.first_seq;
            // Records before the stream's first one expired (max age): nothing to wait for.
            if (cursor < first) cursor = first;
            if (msg.seq > cursor) {
              batch.stop();
              consumer = null;
              await startConsumer(jsm, place, cursor);
              break;
            }
          }
          pending.set(msg.seq, msg);
          out.push({ partition: place.partition, offset: msg.seq, records: decodeRecords(msg.data) });
          cursor = msg.seq + 1;
        }
      } finally {
        clearTimeout(guard);
      }
      if (out.length === 0 && consumer !== null) {
        // Records delivered by a pull cut short at the tail (a node lost mid-delivery) have
        // no later record to reveal the gap, and would come again only after `ack_wait`.
        const delivered = (await consumer.info()).delivered.stream_seq;
        if (delivered >= cursor) {
          consumer = null;
          await startConsumer(jsm, place, cursor);
        }
      }
      next = cursor;
      return out;
    },
    async commit(offset) {
      const msg = pending.get(offset);
      // AckAll: acknowledging the last record acknowledges every one before it.
      if (msg !== undefined) await msg.ackAck();
      for (const seq of pending.keys()) if (seq <= offset) pending.delete(seq);
    },
    async close() {
      pending.clear();
    },
  };
}

async function ensureStreams(
  jsm: JetStreamManager,
  prefix: string,
  partitions: number,
  replicas: number,
  maxAgeMs: number,
) {
  for (let p = 0; p < partitions; p++) {
    const name = `${prefix}_EVENTS_${p}`;
    const config = {
      name,
      subjects: [`${prefix.toLowerCase()}.events.${p}`],
      num_replicas: replicas,
      max_age: maxAgeMs * 1e6,
      duplicate_window: 120e9,
    };
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add(config).catch(async (error: unknown) => {
        // Another process created it meanwhile.
        await jsm.streams.info(name).catch(() => Promise.reject(error));
      });
    }
  }
}

/**
 * Connects to a JetStream cluster and makes sure the partition streams and the
 * lease bucket exist. The partition count is recorded in the bucket on first
 * use; a process started with another count is refused (naming the flag), since
 * users would change partitions.
 *
 * @example
 * const log = await openJetStreamLog({ servers: 'nats://h1:4222,h2:4222,h3:4222' });
 */
export async function openJetStreamLog(options: JetStreamLogOptions): Promise<EventLog> {
  const servers = serverList(options.servers);
  const nc = await connect({ servers, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  try {
    const prefix = options.prefix ?? 'PULSE';
    const replicas = options.replicas ?? Math.min(3, (await clusterSize(nc, servers.length)) >= 3 ? 3 : 1);
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const kv = await new Kvm(nc).create(`${prefix.toLowerCase()}_leases`, { history: 1, replicas });
    const wanted = options.partitions ?? 16;
    await kv.create('partitions', String(wanted)).catch(() => undefined);
    const recorded = Number((await kv.get('partitions'))?.string() ?? wanted);
    if (options.partitions !== undefined && recorded !== options.partitions) {
      throw new Error(`--partitions: the log already has ${recorded} partitions, not ${options.partitions}`);
    }
    const partitions = recorded;
    await ensureStreams(jsm, prefix, partitions, replicas, options.maxAgeMs ?? 7 * DAY_MS);
    const stream = (p: number): string => `${prefix}_EVENTS_${p}`;
    const subject = (p: number): string => `${prefix.toLowerCase()}.events.${p}`;
    return {
      partitions,
      leases: createJetStreamLeases(kv, options.leaseTtlMs ?? 10_000),
      async publish(records: readonly LogRecord[]): Promise<PublishResult> {
        const groups = new Map<number, LogRecord[]>();
        for (const r of records) {
          const p = partitionOf(r.project, r.key, partitions);
          const list = groups.get(p) ?? [];
          list.push(r);
          groups.set(p, list);
        }
        const acks = await Promise.all(
          [...groups].map(async ([p, list]) => {
            // An exact retry of a request repeats its first messageId and count: the stream drops it.
            const msgID = `${list[0]!.messageId}+${list.length}`;
            const ack = await js.publish(subject(p), encodeRecords(list), { msgID });
            return { p, n: list.length, ack };
          }),
        );
        const positions = new Map<number, number>();
        let duplicates = 0;
        for (const { p, n, ack } of acks) {
          if (ack.duplicate) duplicates += n;
          positions.set(p, ack.seq);
        }
        return { added: records.length - duplicates, duplicates, positions };
      },
      async open(partition, afterOffset, epoch) {
        // One consumer per lease: a previous holder still fetching (its lease just lost) can
        // never take records from this one, whose acknowledgements would then skip them.
        // Earlier holders' consumers go, so what they had in flight comes again at once.
        const name = `lease-${epoch}`;
        for await (const c of jsm.consumers.list(stream(partition))) {
          if (c.name !== name) await jsm.consumers.delete(stream(partition), c.name).catch(() => undefined);
        }
        const place = { stream: stream(partition), consumer: name, partition };
        await startConsumer(jsm, place, afterOffset + 1);
        return createReader(js, jsm, place, afterOffset);
      },
      async heads() {
        const out: number[] = [];
        for (let p = 0; p < partitions; p++) out.push((await jsm.streams.info(stream(p))).state.last_seq);
        return out;
      },
      async close() {
        await nc.drain().catch(() => nc.close());
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}
