import { expect, type Page } from '@playwright/test';
import type { Sink } from './sink.js';
import { snippet } from './sink.js';

/**
 * Serves a page at `path` from the sink whose tracker (the script-tag build,
 * from sources) sends to `host`, a real collector, with write key `pk_e2e`.
 *
 * @example
 * trackerPageFor(sink, '/', real.url, { flushAt: 10 });
 * await page.goto(`${sink.url}/`);
 */
export function trackerPageFor(sink: Sink, path: string, host: string, init: Record<string, unknown>): void {
  const head = snippet(`${sink.url}/sdk/pulse.min.js`, { writeKey: 'pk_e2e', host, ...init });
  sink.page(path, `<!doctype html><html><head><title>${path}</title>${head}</head><body></body></html>`);
}

/**
 * Waits until the tracker script has replaced the snippet's stub. Polled from
 * Node, so it works while `page.clock` has frozen the page's own timers.
 *
 * @example
 * await trackerReady(page);
 */
export async function trackerReady(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const pulse = (window as { pulse?: unknown }).pulse;
        return typeof pulse === 'object' && pulse !== null && !Array.isArray(pulse);
      }),
    )
    .toBe(true);
}

/**
 * Events in the tracker's IndexedDB queue for write key `pk_e2e`, read the way
 * another tab would (0 when the database does not exist).
 *
 * @example
 * await expect.poll(() => queuedEvents(page)).toBe(0);
 */
export function queuedEvents(page: Page): Promise<number> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'pulse-pk_e2e')) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('pulse-pk_e2e');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('events').objectStore('events').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  });
}
