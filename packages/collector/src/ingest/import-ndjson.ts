import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CollectorContext } from '../collector-context.js';
import { LIMITS } from '@pulse/core';
import { parseJson } from './parse-json.js';
import { SERVER_SIDE } from '../auth/identity-proof.js';
import { importItems, type IngestItem } from './ingest-items.js';
import type { RescoreSummary } from '../scoring/refresh-users.js';
import { normalizeBody } from './normalize-body.js';

/**
 * What an import did; `errors` lists the first 100 problems by line.
 *
 * @example
 * const s: ImportSummary = { lines: 1000, accepted: 990, duplicates: 5, rejected: 5, resumedAt: 0, errors: [], rescored: null };
 */
export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Byte offset this run started from (non-zero when resuming). */
  resumedAt: number;
  errors: { line: number; error: string }[];
  /** The rebuild that scored the imported events (null: nothing new to score). */
  rescored: RescoreSummary | null;
}

/**
 * Set in the transaction of every batch that stored new events, cleared after the
 * rebuild that scores them: an import that died in between rebuilds on its next run,
 * even when that run finds nothing new.
 */
export const IMPORT_REBUILD_META = 'import_rebuild_pending';

/**
 * Events per import transaction unless `batchSize` says otherwise: each commit waits
 * for the disk (SQLite `synchronous = FULL`), so fewer, larger ones go faster.
 */
export const DEFAULT_IMPORT_BATCH = 20_000;

/** Users per transaction of the closing rebuild (a rescore's default is 200). */
const REBUILD_PAGE = 1000;

/**
 * Options of `importNdjson`.
 *
 * @example
 * const o: ImportOptions = { batchSize: 500, onProgress: (bytes, total) => bar.update('import', bytes, total) };
 */
export interface ImportOptions {
  batchSize?: number;
  onProgress?: (bytes: number, totalBytes: number) => void;
  /** Progress of the closing rebuild, in users. */
  onRescoreProgress?: (done: number, total: number) => void;
}

interface Line {
  text: string;
  number: number;
  /** Byte offset just after this line. */
  end: number;
}

// Splits on \n by bytes (not characters), so every offset is exact for resuming.
async function* lines(path: string, start: number, firstLine: number): AsyncGenerator<Line> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = start;
  let number = firstLine;
  for await (const chunk of createReadStream(path, { start })) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let nl: number;
    while ((nl = pending.indexOf(10)) !== -1) {
      offset += nl + 1;
      yield { text: pending.subarray(0, nl).toString('utf8'), number: number++, end: offset };
      pending = pending.subarray(nl + 1);
    }
  }
  if (pending.length > 0) yield { text: pending.toString('utf8'), number, end: offset + pending.length };
}

function progressKey(path: string): string {
  const stat = statSync(path);
  const id = `${resolve(path)}:${stat.size}:${stat.mtimeMs}`;
  return `import:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}

/**
 * Imports newline-delimited JSON events (one event per line) through the same
 * validation and dedupe as HTTP ingestion, in large batches (default 5,000 events)
 * of one transaction each, which stores the raw events, links and memberships
 * (`importItems`) and records the file position; then one rebuild from the raw
 * events scores every user (`ctx.rescore`). An interrupted import resumes where it
 * stopped (and still rebuilds), and a re-run of a finished file changes nothing
 * (its events count as duplicates).
 *
 * @example
 * const summary = await importNdjson(collector.context, 'events.ndjson', { onProgress });
 */
export async function importNdjson(
  ctx: CollectorContext,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const key = progressKey(path);
  const saved = JSON.parse((await ctx.store.getMeta(key)) ?? '{"offset":0,"line":1}') as {
    offset: number;
    line: number;
  };
  const total = statSync(path).size;
  const summary: ImportSummary = {
    lines: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    resumedAt: saved.offset,
    errors: [],
    rescored: null,
  };
  const fail = (line: number, error: string): void => {
    summary.rejected += 1;
    if (summary.errors.length < 100) summary.errors.push({ line, error });
  };
  let batch: { event: unknown; line: number }[] = [];
  let lastEnd = saved.offset;
  let nextLine = saved.line;

  // Validation as HTTP ingestion does it (in request-sized chunks), then the whole
  // batch and the file position in one transaction: a re-run resumes exactly there,
  // and anything committed twice would only count as duplicates.
  function validate(): IngestItem[] {
    const items: IngestItem[] = [];
    const receivedAt = ctx.now();
    for (let i = 0; i < batch.length; i += LIMITS.maxBatchEvents) {
      const chunk = batch.slice(i, i + LIMITS.maxBatchEvents);
      const { items: valid, rejected } = normalizeBody(
        { batch: chunk.map((b) => b.event) },
        'batch',
        receivedAt,
        SERVER_SIDE,
      );
      for (const x of rejected) fail(chunk[x.index]?.line ?? 0, x.error.replace(/^batch\[\d+\]/, 'event'));
      for (const item of valid) items.push({ ...item, index: i + item.index });
    }
    return items;
  }

  async function flush(): Promise<void> {
    const items = validate();
    batch = [];
    const progress = JSON.stringify({ offset: lastEnd, line: nextLine });
    const ingest = { project: ctx.project, configs: ctx.configs, webhooks: ctx.webhooks, now: ctx.now() };
    const outcome = await ctx.store.transaction(async (tx) => {
      const o = items.length > 0 ? await importItems(tx, ingest, items) : null;
      if ((o?.inserted.size ?? 0) > 0) await tx.setMeta(IMPORT_REBUILD_META, '1');
      await tx.setMeta(key, progress);
      return o;
    });
    const accepted = outcome?.inserted.size ?? 0;
    summary.accepted += accepted;
    summary.duplicates += items.length - accepted;
    ctx.metrics.events('accepted', accepted);
    ctx.metrics.events('duplicate', items.length - accepted);
    options.onProgress?.(lastEnd, total);
  }

  for await (const line of lines(path, saved.offset, saved.line)) {
    lastEnd = line.end;
    nextLine = line.number + 1;
    if (line.text.trim() === '') continue;
    summary.lines += 1;
    try {
      batch.push({ event: parseJson(line.text), line: line.number });
    } catch (error) {
      fail(line.number, `not valid JSON (${(error as Error).message})`);
    }
    if (batch.length >= (options.batchSize ?? DEFAULT_IMPORT_BATCH)) await flush();
  }
  await flush();
  // One rebuild scores everything imported (rollups, traits, scores, band changes and the
  // daily history the events imply) from the stored raw events, once per user.
  if ((await ctx.store.getMeta(IMPORT_REBUILD_META)) === '1') {
    summary.rescored = await ctx.rescore(options.onRescoreProgress, REBUILD_PAGE);
    await ctx.store.transaction((tx) => tx.setMeta(IMPORT_REBUILD_META, '0'));
  }
  return summary;
}
