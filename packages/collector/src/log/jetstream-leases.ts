import type { KV } from '@nats-io/kv';
import type { Lease, LeaseTable } from './event-log.js';

interface LeaseValue {
  owner: string;
  until: number;
}

/** A lease as held by its owner: the bucket revision its last write got (for compare-and-set). */
interface HeldLease extends Lease {
  revision: number;
}

const leaseKey = (partition: number): string => `lease.${partition}`;
const workerKey = (owner: string): string => `worker.${owner}`;

function parse(bytes: Uint8Array): LeaseValue | null {
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LeaseValue>;
    return typeof v.owner === 'string' && typeof v.until === 'number' ? (v as LeaseValue) : null;
  } catch {
    return null;
  }
}

const encode = (v: LeaseValue): string => JSON.stringify(v);

/**
 * Partition leases in a JetStream key-value bucket. Every change is a
 * compare-and-set on the key's last revision, so two workers never both win;
 * expiry is the `until` time written by the holder (hosts keep clocks in step,
 * as NTP does, to well under the TTL). A lease's `epoch` is the bucket
 * revision of the write that took it, so it grows with every new holder.
 *
 * @example
 * const leases = createJetStreamLeases(kv, 10_000);
 * const lease = await leases.acquire(3, 'worker-a');
 */
export function createJetStreamLeases(kv: KV, ttlMs: number, now: () => number = Date.now): LeaseTable {
  const held = new Map<number, HeldLease>();

  async function write(partition: number, value: LeaseValue, revision: number | null): Promise<number | null> {
    try {
      return revision === null
        ? await kv.create(leaseKey(partition), encode(value))
        : await kv.update(leaseKey(partition), encode(value), revision);
    } catch {
      return null; // someone else wrote first
    }
  }

  return {
    ttlMs,
    async acquire(partition, owner) {
      const entry = await kv.get(leaseKey(partition));
      const base = entry !== null && entry.operation === 'PUT' ? entry : null;
      const live = base === null ? null : parse(base.value);
      if (live !== null && live.until > now() && live.owner !== owner) return null;
      const revision = await write(partition, { owner, until: now() + ttlMs }, base?.revision ?? null);
      if (revision === null) return null;
      held.set(partition, { partition, owner, epoch: revision, revision });
      return { partition, owner, epoch: revision };
    },
    async renew(lease) {
      const mine = held.get(lease.partition);
      if (mine === undefined || mine.epoch !== lease.epoch) return false;
      const revision = await write(lease.partition, { owner: lease.owner, until: now() + ttlMs }, mine.revision);
      if (revision === null) {
        held.delete(lease.partition);
        return false;
      }
      mine.revision = revision;
      return true;
    },
    async release(lease) {
      const mine = held.get(lease.partition);
      held.delete(lease.partition);
      if (mine === undefined || mine.epoch !== lease.epoch) return;
      await kv.delete(leaseKey(lease.partition), { previousSeq: mine.revision }).catch(() => undefined);
    },
    async holders() {
      const out = new Map<number, string>();
      const keys = await kv.keys('lease.*');
      for await (const key of keys) {
        const entry = await kv.get(key);
        const v = entry !== null && entry.operation === 'PUT' ? parse(entry.value) : null;
        if (v !== null && v.until > now()) out.set(Number(key.slice('lease.'.length)), v.owner);
      }
      return out;
    },
    async heartbeat(owner) {
      await kv.put(workerKey(owner), encode({ owner, until: now() + ttlMs }));
    },
    async alive() {
      const out: string[] = [];
      const keys = await kv.keys('worker.*');
      for await (const key of keys) {
        const entry = await kv.get(key);
        const v = entry !== null && entry.operation === 'PUT' ? parse(entry.value) : null;
        if (v !== null && v.until > now()) out.push(v.owner);
      }
      return out.sort();
    },
  };
}
