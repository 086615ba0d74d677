import { monotonicNow } from './clock.js';
import type { QueueRecord } from './queue-store.js';

/**
 * What to do with a batch after a response: `sent` (2xx), `retry` (network
 * error, 408, 429, 5xx), `split` (413: halve it), `refused` (any other status:
 * drop what the collector rejected, never block the queue).
 *
 * @example
 * verdictOf(503); // → 'retry'
 */
export function verdictOf(status: number): 'sent' | 'retry' | 'split' | 'refused' {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 413) return 'split';
  return status === 0 || status === 408 || status === 429 || status >= 500 ? 'retry' : 'refused';
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
 * POSTs a body as `text/plain` (a CORS-simple request: no preflight, which also
 * makes a keepalive request at unload safe cross-origin). Resolves to the
 * response, or `undefined` on a network error or after 30 s, so a hung request
 * never holds the flush lock forever. `fetch` is called synchronously.
 *
 * @example
 * const res = await post('https://pulse.example.com/v1/batch', body, true);
 */
export async function post(url: string, body: string, keepalive: boolean): Promise<Response | undefined> {
  try {
    return await fetch(url, { method: 'POST', body, keepalive, signal: AbortSignal.timeout?.(30_000) });
  } catch {
    return undefined;
  }
}
