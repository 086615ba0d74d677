import { createHmac } from 'node:crypto';
import { retryAfterMs } from '@pulse/core';
import type { Store } from '../store/store.js';

/**
 * The `X-Pulse-Signature` value: `sha256=` + hex HMAC-SHA256 over
 * `<X-Pulse-Timestamp>.<raw body>` with the secret key. Receivers recompute it
 * and reject old timestamps to stop replays.
 *
 * @example
 * signWebhook(secretKey, '1795305600', body); // → 'sha256=9f2c…'
 */
export function signWebhook(secretKey: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secretKey).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * Delivery settings. Delays grow as `baseDelayMs × 2^attempt` with jitter (or
 * the receiver's `Retry-After`, when longer) until `maxAttempts`.
 *
 * @example
 * const o: WebhookOptions = { intervalMs: 1000, maxAttempts: 8, baseDelayMs: 1000, timeoutMs: 10000 };
 */
export interface WebhookOptions {
  intervalMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

/**
 * Sends what the outbox holds.
 *
 * @example
 * const d: WebhookDispatcher = createWebhookDispatcher(store, secretKey, options);
 * await d.runOnce();
 */
export interface WebhookDispatcher {
  /** Delivers every due row once; resolves to the number delivered. */
  runOnce(): Promise<number>;
  /** Asks for a delivery pass soon (after a batch that changed bands). */
  kick(): void;
  close(): Promise<void>;
}

async function deliver(url: string, body: string, secretKey: string, timeoutMs: number): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const { id = '', type = 'user.band_changed' } = JSON.parse(body) as { id?: string; type?: string };
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'pulse-collector',
      'x-pulse-event': type,
      'x-pulse-delivery': id,
      'x-pulse-timestamp': timestamp,
      'x-pulse-signature': signWebhook(secretKey, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/**
 * A durable webhook sender: band changes, segment entries and exits and account
 * band changes are written to an outbox in the same
 * transaction as the events that caused them, and this loop delivers them,
 * signed, with retries. Rows are leased, so several collector processes on one
 * PostgreSQL database never send a row at the same time.
 *
 * @example
 * const dispatcher = createWebhookDispatcher(store, secretKey, { intervalMs: 1000, maxAttempts: 8, baseDelayMs: 1000, timeoutMs: 10000 });
 */
export function createWebhookDispatcher(store: Store, secretKey: string, options: WebhookOptions): WebhookDispatcher {
  let running: Promise<number> | null = null;
  let closed = false;

  async function attempt(row: { id: number; url: string; payload: string; attempts: number }): Promise<boolean> {
    let error: string;
    let wait = 0;
    try {
      const res = await deliver(row.url, row.payload, secretKey, options.timeoutMs);
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        await store.completeWebhook(row.id);
        return true;
      }
      error = `HTTP ${res.status}`;
      wait = retryAfterMs(res.headers.get('retry-after'), Date.now()) ?? 0;
      // Other 4xx answers will not change on a retry.
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        await store.failWebhook(row.id, null, error);
        return false;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const next = row.attempts + 1;
    const backoff = options.baseDelayMs * 2 ** row.attempts * (0.5 + Math.random() / 2);
    await store.failWebhook(row.id, next >= options.maxAttempts ? null : Date.now() + Math.max(backoff, wait), error);
    return false;
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await store.claimWebhooks(Date.now(), 20, options.timeoutMs + 5000);
      if (rows.length === 0 || closed) return delivered;
      const results = await Promise.all(rows.map(attempt));
      delivered += results.filter(Boolean).length;
    }
  }

  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void runOnce().catch(() => undefined), options.intervalMs);
  timer.unref();

  return {
    runOnce,
    kick() {
      if (!closed) void runOnce().catch(() => undefined);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
