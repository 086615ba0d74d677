import { getOwn, isIsoTimestamp, isRecord } from '@pulse/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { RetryingClient } from '../ops/metrics.js';

/**
 * What the peers' SDKs say about a request in headers, as far as the collector
 * uses it: RudderStack's `SentAt`, and whether the request is a retry
 * (Segment's `X-Retry-Count`, RudderStack's `RSA-Retry-Attempt`, each ≥ 1).
 *
 * @example
 * const h: ClientHeaders = { sentAt: '2026-03-01T12:00:00.000Z', retriedBy: 'rudderstack' };
 */
export interface ClientHeaders {
  sentAt?: string;
  retriedBy?: RetryingClient;
}

function isRetry(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && /^\s*[1-9]\d{0,8}\s*$/.test(value);
}

/**
 * Reads `ClientHeaders` from a request's headers (Node lower-cases their
 * names); other headers the peers send (`AnonymousId`, RudderStack's
 * `RSA-Since-…` and `RSA-Retry-Reason`) are ignored.
 *
 * @example
 * readClientHeaders({ 'x-retry-count': '2' }); // → { retriedBy: 'segment' }
 */
export function readClientHeaders(headers: IncomingHttpHeaders): ClientHeaders {
  const out: ClientHeaders = {};
  const sentAt = headers.sentat;
  if (isIsoTimestamp(sentAt)) out.sentAt = sentAt;
  if (isRetry(headers['x-retry-count'])) out.retriedBy = 'segment';
  else if (isRetry(headers['rsa-retry-attempt'])) out.retriedBy = 'rudderstack';
  return out;
}

/**
 * The body with the `SentAt` header as its `sentAt` when it has no valid one of
 * its own, so clock skew is corrected from the header (a shallow copy: the
 * events themselves are shared, not copied).
 *
 * @example
 * withSentAt({ batch }, '2026-03-01T12:00:00.000Z'); // → { batch, sentAt: '2026-03-01T12:00:00.000Z' }
 */
export function withSentAt(body: unknown, sentAt: string | undefined): unknown {
  if (sentAt === undefined || !isRecord(body) || isIsoTimestamp(getOwn(body, 'sentAt'))) return body;
  return { ...body, sentAt };
}
