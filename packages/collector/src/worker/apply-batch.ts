import type { PulseEvent } from '@pulse/core';
import type { ConfigHolder } from '../config/config-holder.js';
import { ingestItems, type IngestItem } from '../ingest/ingest-items.js';
import { parseJson } from '../ingest/parse-json.js';
import type { Lease, LogMessage } from '../log/event-log.js';
import { recordApplied } from '../log/applied-offsets.js';
import type { Store } from '../store/store.js';

/**
 * What a worker applies batches with: the store, the config holder kept in
 * step with it, and the band-change webhook URLs.
 *
 * @example
 * const target: BatchTarget = { store, configs, webhooks: [], now: Date.now };
 */
export interface BatchTarget {
  store: Store;
  configs: ConfigHolder;
  webhooks: readonly string[];
  now(): number;
}

/**
 * What one batch did: records new to the database (`inserted`), records it
 * already held (duplicates, or replayed after a crash), and band changes.
 *
 * @example
 * const r: BatchOutcome = { records: 500, inserted: 498, duplicates: 2, bandChanges: 3 };
 */
export interface BatchOutcome {
  records: number;
  inserted: number;
  duplicates: number;
  bandChanges: number;
}

function byProject(messages: readonly LogMessage[]): Map<string, IngestItem[]> {
  const out = new Map<string, IngestItem[]>();
  for (const { record, offset } of messages.flatMap((m) => m.records.map((record) => ({ record, offset: m.offset })))) {
    const item: IngestItem = {
      index: offset,
      event: parseJson(record.json) as PulseEvent,
      json: record.json,
      at: record.at,
      receivedAt: record.receivedAt,
    };
    const list = out.get(record.project) ?? [];
    list.push(item);
    out.set(record.project, list);
  }
  return out;
}

/**
 * Applies one partition's batch in one transaction, through the same
 * `ingestItems` as a direct ingest (dedupe by `(project, messageId)`, raw
 * events, links, rollups, scores, history, webhook outbox), and records the
 * partition's applied offset with it. Records at or below the offset already
 * applied are skipped; a newer lease's commit makes it throw `LeaseLostError`.
 * The caller acknowledges the log only after this resolves.
 *
 * @example
 * const outcome = await applyBatch(target, lease, messages);
 * await reader.commit(messages.at(-1).offset);
 */
export async function applyBatch(
  target: BatchTarget,
  lease: Lease,
  messages: readonly LogMessage[],
): Promise<BatchOutcome> {
  const last = messages.at(-1)?.offset ?? 0;
  return target.store.transaction(async (tx) => {
    const records = messages.reduce((n, m) => n + m.records.length, 0);
    const before = await recordApplied(tx, lease.partition, lease.epoch, last, records);
    const fresh = messages.filter((m) => m.offset > before.offset);
    const outcome: BatchOutcome = { records, inserted: 0, duplicates: 0, bandChanges: 0 };
    const now = target.now();
    for (const [project, items] of byProject(fresh)) {
      const r = await ingestItems(tx, { project, configs: target.configs, webhooks: target.webhooks, now }, items);
      outcome.inserted += r.inserted.size;
      outcome.bandChanges += r.bandChanges.length;
    }
    outcome.duplicates = records - outcome.inserted;
    return outcome;
  });
}
