import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CollectorContext } from '../collector-context.js';
import { parseJson } from './parse-json.js';
import { isPulseError } from '../errors.js';
import { ingestBody } from './ingest-body.js';

/**
 * What an import did; `errors` lists the first 100 problems by line.
 *
 * @example
 * const s: ImportSummary = { lines: 1000, accepted: 990, duplicates: 5, rejected: 5, resumedAt: 0, errors: [] };
 */
export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Byte offset this run started from (non-zero when resuming). */
  resumedAt: number;
  errors: { line: number; error: string }[];
}

/**
 * Options of `importNdjson`.
 *
 * @example
 * const o: ImportOptions = { batchSize: 500, onProgress: (bytes, total) => bar.update('import', bytes, total) };
 */
export interface ImportOptions {
  batchSize?: number;
  onProgress?: (bytes: number, totalBytes: number) => void;
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
 * validation and dedupe as HTTP ingestion, in batches. Progress is stored after
 * each committed batch, so an interrupted import resumes where it stopped (and
 * a re-imported batch would only be counted as duplicates).
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
  };
  const fail = (line: number, error: string): void => {
    summary.rejected += 1;
    if (summary.errors.length < 100) summary.errors.push({ line, error });
  };
  let batch: { event: unknown; line: number }[] = [];
  let lastEnd = saved.offset;
  let nextLine = saved.line;

  async function flush(): Promise<void> {
    if (batch.length > 0) {
      try {
        const r = await ingestBody(ctx, { batch: batch.map((b) => b.event) }, 'batch');
        summary.accepted += r.accepted;
        summary.duplicates += r.duplicates;
        for (const x of r.rejected) fail(batch[x.index]?.line ?? 0, x.error.replace(/^batch\[\d+\]/, 'event'));
      } catch (error) {
        if (!isPulseError(error, 'invalid')) throw error;
        const rejected = (error.details.rejected ?? []) as { index: number; error: string }[];
        for (const x of rejected) fail(batch[x.index]?.line ?? 0, x.error.replace(/^batch\[\d+\]/, 'event'));
      }
    }
    batch = [];
    await ctx.store.transaction((tx) => tx.setMeta(key, JSON.stringify({ offset: lastEnd, line: nextLine })));
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
    if (batch.length >= (options.batchSize ?? 500)) await flush();
  }
  await flush();
  return summary;
}
