import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PulseConfig } from '@pulse/core';
import { createCollector, type Collector, type StoredEvent } from '../../packages/collector/src/index.js';

/**
 * The real collector (from sources) on a temporary SQLite file, or on `db` when
 * given, listening on 127.0.0.1 with a random port, development mode (any
 * origin) and the e2e write key. `stored()` reads back what it committed, so a
 * spec can assert exactly-once on the database rather than on what was sent.
 *
 * @example
 * const real = await startRealCollector();
 * // … a page whose tracker has host: real.url …
 * expect((await real.stored()).length).toBe(10);
 * await real.close();
 */
export async function startRealCollector(
  options: { db?: string; writeKey?: string; dev?: boolean; config?: PulseConfig } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
  const collector: Collector = await createCollector({
    db: options.db ?? join(dir, 'pulse.db'),
    writeKey: options.writeKey ?? 'pk_e2e',
    secretKey: 'sk_e2e',
    dev: options.dev ?? true,
    ...(options.config === undefined ? {} : { config: options.config }),
    rateLimit: false,
    background: false,
  });
  const url = await collector.listen({ port: 0 });

  async function stored(): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (let after = 0; ;) {
      const page = await collector.store.listEvents(collector.project, after, 1000);
      if (page.length === 0) return out;
      out.push(...page);
      after = page[page.length - 1]?.id ?? after;
    }
  }

  return {
    url,
    collector,
    stored,
    /** The stored rows' `properties.i` values, sorted: each tracked index once means exactly-once. */
    async indexes(): Promise<number[]> {
      const rows = await stored();
      return rows
        .map((e) => (JSON.parse(e.body) as { properties?: { i?: number } }).properties?.i ?? -1)
        .sort((a, b) => a - b);
    },
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A collector started by `startRealCollector`. */
export type RealCollector = Awaited<ReturnType<typeof startRealCollector>>;
