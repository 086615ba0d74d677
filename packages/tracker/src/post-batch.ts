import { monotonicNow } from './clock.js';
import type { QueueRecord } from './queue-store.js';

/**
 * Whether a batch answered with `status` is sent again later: a network error (0),
 * 408, 429 and 5xx. A 2xx settles it, a 413 splits it, any other status drops what
 * the collector rejected (never blocking the queue).
 *
 * @example
 * isRetryable(503); // → true
 */
export function isRetryable(status: number): boolean {
  return !status || status === 408 || status === 429 || status >= 500;
}

/**
 * The `POST /v1/batch` body, assembled from each event's stored JSON (events are
 * serialised once, at `track`). `sentAt` uses the clock that stamped `timestamp`,
 * which is what lets the collector correct the client's clock skew.
 *
 * @example
 * batchBody(records, 'pk_live'); // → '{"batch":[…],"sentAt":"2026-…","writeKey":"pk_live"}'
 */
export function batchBody(records: QueueRecord[], writeKey: string): string {
  const sentAt = new Date(monotonicNow()).toISOString();
  return `{"batch":[${records.map((r) => r.json).join(',')}],"sentAt":"${sentAt}","writeKey":${JSON.stringify(writeKey)}}`;
}

/**
 * `text` gzipped by the browser (`CompressionStream`), as a Blob without a type; the
 * text itself where the browser cannot compress. The collector recognises gzip by its
 * first bytes: a `Content-Encoding` header would cost a CORS preflight per request.
 * The stream compresses chunk by chunk, so a 500 KB batch makes no long task.
 *
 * @example
 * const body = await gzip(batchBody(records, 'pk_live')); // a Blob of ~1/10 the size
 */
export async function gzip(text: string): Promise<Blob | string> {
  try {
    return await new Response(new Response(text).body?.pipeThrough(new CompressionStream('gzip'))).blob();
  } catch {
    return text; // no CompressionStream (older browsers), or it failed: plain JSON
  }
}

/**
 * POSTs a body (a string goes as `text/plain`, a gzip Blob untyped) (a CORS-simple request: no preflight, which also
 * makes a keepalive request at unload safe cross-origin). Resolves to the
 * response, or `undefined` on a network error or after 30 s, so a hung request
 * never holds the flush lock forever. `fetch` is called synchronously.
 *
 * @example
 * const res = await post('https://pulse.example.com/v1/batch', body, true);
 */
export async function post(url: string, body: BodyInit, keepalive: boolean): Promise<Response | undefined> {
  try {
    return await fetch(url, { method: 'POST', body, keepalive, signal: AbortSignal.timeout?.(30_000) });
  } catch {
    return undefined;
  }
}
