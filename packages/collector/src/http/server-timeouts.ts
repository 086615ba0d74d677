import type { ServerOptions } from 'node:http';

/**
 * How long the HTTP server waits for a client, in milliseconds. A slow-loris
 * client (headers or body dribbled a byte at a time) is answered 408 and
 * disconnected after `headersMs` / `requestMs`, so it cannot hold sockets and
 * memory forever.
 *
 * @example
 * const t: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, idleMs: 60_000, keepAliveMs: 72_000 };
 */
export interface ServerTimeouts {
  /** Until the request's headers are complete. */
  headersMs: number;
  /** Until the whole request (headers and body) is received. */
  requestMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleMs: number;
  /** An idle keep-alive socket between requests; keep it above a load balancer's idle timeout. */
  keepAliveMs: number;
}

/**
 * The defaults: generous for a phone on a poor network sending a 500 KB batch,
 * short enough that thousands of stalled sockets cannot pile up.
 *
 * @example
 * buildApp(ctx, { ...options, timeouts: { ...DEFAULT_TIMEOUTS, headersMs: 5_000 } });
 */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  keepAliveMs: 72_000,
};

/**
 * The Fastify server options for `timeouts` (over `DEFAULT_TIMEOUTS`). Node checks
 * the header and request deadlines every `connectionsCheckingInterval`, 30 s by
 * default, which would let a 1 s deadline run 31 s: the check runs at a quarter
 * of the shorter deadline instead (at most every second).
 *
 * @example
 * Fastify({ ...serverTimeoutOptions({ headersMs: 5_000 }) });
 */
export function serverTimeoutOptions(timeouts: Partial<ServerTimeouts> = {}): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  // Node refuses a header deadline later than the request deadline.
  const headersTimeout = Math.min(t.headersMs, t.requestMs);
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    http: {
      headersTimeout,
      requestTimeout: t.requestMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
  };
}
