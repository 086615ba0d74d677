import type { Store } from '../store/store.js';
import { readApplied, type AppliedOffset } from './applied-offsets.js';
import type { EventLog } from './event-log.js';

/**
 * Where each partition stands: the log's last offset, what the database has
 * applied (with running batch counts), and which worker holds the lease.
 *
 * @example
 * const lag: PartitionLag = { partition: 3, head: 1042, applied: { offset: 1040, epoch: 7, batches: 12, records: 900 }, holder: 'w1' };
 */
export interface PartitionLag {
  partition: number;
  head: number;
  applied: AppliedOffset;
  holder: string | null;
}

/**
 * Reads every partition's head, applied offset and lease holder (for
 * `/metrics` and the dashboard's ingestion banner).
 *
 * @example
 * const behind = (await ingestionLag(log, store)).reduce((n, p) => n + p.head - p.applied.offset, 0);
 */
export async function ingestionLag(log: EventLog, store: Pick<Store, 'getMeta'>): Promise<PartitionLag[]> {
  const [heads, holders] = await Promise.all([log.heads(), log.leases.holders()]);
  const out: PartitionLag[] = [];
  for (let p = 0; p < heads.length; p++) {
    out.push({
      partition: p,
      head: heads[p] ?? 0,
      applied: await readApplied(store, p),
      holder: holders.get(p) ?? null,
    });
  }
  return out;
}

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/**
 * The log's Prometheus lines: per partition the lag (messages not yet
 * applied), the lease holder, and batch counts (records ÷ batches is the
 * average batch size). When the log or the database cannot answer, one
 * `pulse_log_up 0` line says so instead.
 *
 * @example
 * text += await renderLogMetrics(log, store);
 */
export async function renderLogMetrics(log: EventLog, store: Pick<Store, 'getMeta'>): Promise<string> {
  let lag: PartitionLag[];
  try {
    lag = await ingestionLag(log, store);
  } catch {
    return '# HELP pulse_log_up Whether the event log and applied offsets could be read.\n# TYPE pulse_log_up gauge\npulse_log_up 0\n';
  }
  const lines = [
    '# HELP pulse_log_up Whether the event log and applied offsets could be read.',
    '# TYPE pulse_log_up gauge',
    'pulse_log_up 1',
  ];
  const family = (name: string, type: string, help: string, value: (p: PartitionLag) => number | null) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const p of lag) {
      const v = value(p);
      if (v !== null) lines.push(`${name}{partition="${p.partition}"} ${v}`);
    }
  };
  family(
    'pulse_log_lag_messages',
    'gauge',
    'Log messages (request batches) not yet applied to the database, by partition.',
    (p) => Math.max(0, p.head - p.applied.offset),
  );
  family('pulse_log_head_offset', 'gauge', 'The last offset written to the partition.', (p) => p.head);
  family('pulse_log_applied_offset', 'gauge', 'The last offset the database has applied.', (p) => p.applied.offset);
  family('pulse_log_batches_total', 'counter', 'Worker batches committed, by partition.', (p) => p.applied.batches);
  family(
    'pulse_log_batch_records_total',
    'counter',
    'Events in committed worker batches, by partition.',
    (p) => p.applied.records,
  );
  lines.push('# HELP pulse_log_lease Partition leases held, by partition and worker.', '# TYPE pulse_log_lease gauge');
  for (const p of lag) {
    if (p.holder !== null) lines.push(`pulse_log_lease{partition="${p.partition}",worker="${escape(p.holder)}"} 1`);
  }
  return `${lines.join('\n')}\n`;
}
