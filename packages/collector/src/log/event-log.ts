/**
 * One accepted event on its way from the collector to a worker: the validated
 * event as JSON (identity marks included), its skew-corrected time and when the
 * collector received it. `key` is the raw identity key the partition is chosen by.
 *
 * @example
 * const r: LogRecord = { project: 'default', messageId: 'm1', key: 'u:42', json: '{…}', at: 0, receivedAt: 0 };
 */
export interface LogRecord {
  project: string;
  messageId: string;
  key: string;
  json: string;
  at: number;
  receivedAt: number;
}

/**
 * One message read back from a partition with its offset (1-based, growing by
 * one per message). A message holds the records one publish call sent to that
 * partition (a producer batch, as a Kafka client batches), so a request of 20
 * events costs one replicated write per partition it touches, not 20.
 *
 * @example
 * const m: LogMessage = { partition: 3, offset: 1042, records: [record] };
 */
export interface LogMessage {
  partition: number;
  offset: number;
  records: LogRecord[];
}

/**
 * What a publish did: how many records the log took as new, how many it dropped
 * as a quick retry of a message it already holds (same first `messageId` and
 * count), and the offset written per partition (the read-your-writes position).
 *
 * @example
 * const r: PublishResult = { added: 9, duplicates: 1, positions: new Map([[3, 1042]]) };
 */
export interface PublishResult {
  added: number;
  duplicates: number;
  positions: Map<number, number>;
}

/**
 * Reads one partition in order for the worker that holds its lease. `fetch`
 * resolves to at most `max` records (possibly none after `waitMs`); `commit`
 * tells the log everything up to `offset` is applied (Kafka: commit the offset).
 *
 * @example
 * const batch = await reader.fetch(500, 1000);
 * await store.transaction(…); await reader.commit(batch.at(-1).offset);
 */
export interface PartitionReader {
  readonly partition: number;
  fetch(max: number, waitMs: number): Promise<LogMessage[]>;
  commit(offset: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A held lease on a partition; `epoch` grows with every new holder, so a write
 * fenced by it loses to a later holder's.
 *
 * @example
 * const lease: Lease = { partition: 3, owner: 'worker-a', epoch: 12 };
 */
export interface Lease {
  partition: number;
  owner: string;
  epoch: number;
}

/**
 * Who processes which partition. A lease lasts `ttlMs` unless renewed; an
 * expired one may be taken by any worker. `alive` lists the workers whose
 * heartbeats have not expired (for a fair share of the partitions).
 *
 * @example
 * const lease = await leases.acquire(3, 'worker-a');
 * if (lease && !(await leases.renew(lease))) stopPartition(3);
 */
export interface LeaseTable {
  readonly ttlMs: number;
  acquire(partition: number, owner: string): Promise<Lease | null>;
  renew(lease: Lease): Promise<boolean>;
  release(lease: Lease): Promise<void>;
  /** Partition → current holder, for leases not expired. */
  holders(): Promise<Map<number, string>>;
  heartbeat(owner: string): Promise<void>;
  alive(): Promise<string[]>;
}

/**
 * The durable, replicated log between the collector and the workers, kept
 * behind this small interface so another engine can implement it. The
 * JetStream implementation maps onto Kafka as: partition = a stream
 * `PULSE_EVENTS_<p>` (a Kafka partition), offset = the stream sequence (the
 * Kafka offset), `commit` = a consumer ack (a committed consumer-group offset),
 * a lease = a consumer-group assignment, a message of several records = a
 * producer batch, and the `Nats-Msg-Id` dedupe window = Kafka's idempotent
 * producer.
 *
 * @example
 * const log: EventLog = await openJetStreamLog({ servers: 'nats://127.0.0.1:4222' });
 * const { positions } = await log.publish(records);
 */
export interface EventLog {
  readonly partitions: number;
  /** Resolves only once every record is durably stored on the configured replicas. */
  publish(records: readonly LogRecord[]): Promise<PublishResult>;
  /**
   * A reader for the holder of lease `epoch`, starting just after `afterOffset`
   * (the last offset the database holds). Readers of earlier leases stop receiving.
   */
  open(partition: number, afterOffset: number, epoch: number): Promise<PartitionReader>;
  /** The last offset written to each partition (index = partition). */
  heads(): Promise<number[]>;
  readonly leases: LeaseTable;
  close(): Promise<void>;
}
