import { LIMITS } from '@pulse/core';
import { backoffDelay, retryAfterMs } from './backoff.js';
import { monotonicNow } from './clock.js';
import { withFlushLock } from './flush-lock.js';
import { batchBody, post, verdictOf } from './post-batch.js';
import type { QueueRecord, QueueStore } from './queue-store.js';
import { takeWithin } from './queue-store.js';
import type { DeliveryReport, DropReason } from './types.js';
import { utf8Length } from './utf8-length.js';

/** Keepalive requests of a page share ~64 KB in flight (Fetch spec); over it they fail, so never exceed it. */
const KEEPALIVE_BUDGET = 64_000;
/** Room for the envelope around the events (`sentAt`, `writeKey`). */
const ENVELOPE = 1024;
const MAX_EVENTS = 500;

/**
 * What delivery needs from the tracker.
 *
 * @example
 * const deps: DeliveryDeps = { url, writeKey, lockName, store, canSend, report, maxRetries: 10, retryBase: 1000, retryCap: 60_000 };
 */
export interface DeliveryDeps {
  url: string;
  writeKey: string;
  lockName: string;
  store(): Promise<QueueStore>;
  /** Consent given and the browser online. */
  canSend(): boolean;
  report(report: DeliveryReport): void;
  maxRetries: number;
  retryBase: number;
  retryCap: number;
}

/** Mutable delivery state, kept in one object rather than a closure of loose variables. */
interface DeliveryState {
  /** Consecutive failed attempts. */
  attempt: number;
  /** Wall-clock ms before which nothing is sent (backoff or `Retry-After`). */
  retryAt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Ids in a request of this tab right now: never put in a second one. */
  inflight: Set<string>;
  keepaliveBytes: number;
  /** Server time minus page time. */
  skew: number;
  running?: Promise<void>;
  again?: boolean;
}

/**
 * The send loop: under the cross-tab flush lock, read the oldest batch from the
 * shared queue, POST it, and settle it: delete on 2xx (only then), split on 413,
 * drop what a 4xx names, back off (full jitter, `Retry-After`) on 408/429/5xx and
 * network errors. `sendNow` is the unload path: a keepalive request, synchronously,
 * within the browser's keepalive budget.
 *
 * @example
 * const delivery = createDelivery(deps);
 * await delivery.flush();
 */
export function createDelivery(deps: DeliveryDeps) {
  const s: DeliveryState = { attempt: 0, retryAt: 0, inflight: new Set(), keepaliveBytes: 0, skew: 0 };
  const ids = (records: QueueRecord[]) => records.map((r) => r.id);

  async function settle(records: QueueRecord[], report: DeliveryReport): Promise<void> {
    if (!records.length) return;
    await (await deps.store()).remove(records);
    deps.report(report);
  }

  async function send(records: QueueRecord[], keepalive: boolean): Promise<Response | undefined> {
    const body = batchBody(records, deps.writeKey);
    const bytes = keepalive ? utf8Length(body) : 0;
    s.keepaliveBytes += bytes;
    for (const r of records) s.inflight.add(r.id);
    const res = await post(deps.url, body, keepalive);
    s.keepaliveBytes -= bytes;
    const server = Date.parse(res?.headers.get('date') ?? '');
    if (server) {
      const skew = server - monotonicNow();
      s.skew = Math.abs(skew) > 2000 ? skew : 0; // the header has 1 s resolution; smaller offsets are noise
    }
    return res;
  }

  /**
   * Sends and settles `records`; false when the rest of the queue must wait for a retry.
   * They stay in flight until settled: an answered batch is still in the store until its
   * delete commits, and must not go out again meanwhile (from the unload path, say).
   */
  const deliver = (records: QueueRecord[], keepalive: boolean): Promise<boolean> =>
    attempt(records, keepalive).finally(() => {
      for (const r of records) s.inflight.delete(r.id);
    });

  async function attempt(records: QueueRecord[], keepalive: boolean): Promise<boolean> {
    const res = await send(records, keepalive);
    const status = res?.status ?? 0;
    const verdict = verdictOf(status);
    if (verdict === 'retry') return retry(records, status, res);
    s.attempt = 0;
    if (verdict === 'split') {
      if (records.length > 1) {
        const half = Math.ceil(records.length / 2);
        return (await deliver(records.slice(0, half), false)) && deliver(records.slice(half), false);
      }
      await settle(records, dropReport(records, 'rejected', `HTTP ${status}`)); // 413 for one event alone
      return true;
    }
    const body = (await res?.json().catch(() => null)) as {
      rejected?: { index?: number; messageId?: string; error?: string }[];
    } | null;
    const rejected = Array.isArray(body?.rejected) ? body.rejected : [];
    let refused = records.filter((r, i) => rejected.some((x) => x.index === i || x.messageId === r.id));
    // A 4xx that names no event would refuse the batch forever: drop it instead of blocking the queue.
    if (verdict === 'refused' && !refused.length) refused = records;
    const sent = verdict === 'sent' ? records.filter((r) => !refused.includes(r)) : [];
    await settle(sent, { kind: 'sent', count: sent.length, messageIds: ids(sent), status });
    await settle(refused, dropReport(refused, 'rejected', rejected[0]?.error ?? `HTTP ${status}`));
    return true;
  }

  async function retry(records: QueueRecord[], status: number, res: Response | undefined): Promise<boolean> {
    // Offline: spend no attempt; the `online` event resumes delivery.
    if (!status && !navigator.onLine) return false;
    const now = Date.now();
    const after = retryAfterMs(res?.headers.get('retry-after') ?? null, now);
    // A collector that says when to come back (429, or 503 while its database is down)
    // is pacing the client, not failing it: that spends no attempt, however long it lasts.
    if (after === undefined) s.attempt++;
    if (status && s.attempt > deps.maxRetries) {
      s.attempt = 0;
      await settle(records, dropReport(records, 'retries', `HTTP ${status}`));
      return true;
    }
    const delay = after ?? backoffDelay(s.attempt, deps.retryBase, deps.retryCap);
    s.retryAt = now + delay;
    schedule(delay);
    deps.report({
      kind: 'retried',
      count: records.length,
      messageIds: ids(records),
      status,
      attempt: s.attempt,
      delay,
    });
    return false;
  }

  const sendOldest = () =>
    withFlushLock(deps.lockName, async () => {
      if (!deps.canSend() || Date.now() < s.retryAt) return false;
      const queued = await (await deps.store()).read(MAX_EVENTS, LIMITS.maxRequestBytes - ENVELOPE);
      const records = queued.filter((r) => !s.inflight.has(r.id));
      const bytes = records.reduce((n, r) => n + r.size + 1, ENVELOPE);
      return records.length > 0 && deliver(records, bytes + s.keepaliveBytes <= KEEPALIVE_BUDGET);
    });

  async function drain(): Promise<void> {
    while (s.again) {
      s.again = false;
      try {
        while (deps.canSend() && Date.now() >= s.retryAt && (await sendOldest()));
      } catch {
        // storage or lock failure: the events stay queued for the next flush
      }
    }
    const wait = s.retryAt - Date.now();
    if (wait > 0) schedule(wait); // a flush asked for during a backoff still happens, when it ends
  }

  function flush(): Promise<void> {
    s.again = true;
    s.running ??= drain().finally(() => (s.running = undefined));
    return s.running;
  }

  function schedule(delay: number): void {
    clearTimeout(s.timer);
    s.timer = setTimeout(flush, delay);
  }

  function sendNow(records: QueueRecord[]): void {
    if (!deps.canSend() || Date.now() < s.retryAt) return;
    const fresh = records.filter((r) => !s.inflight.has(r.id));
    const fitting = takeWithin(fresh, KEEPALIVE_BUDGET - s.keepaliveBytes - ENVELOPE);
    if (fitting.length) void deliver(fitting, true).catch(() => undefined);
  }

  return { flush, schedule, sendNow, skew: () => s.skew };
}

/**
 * The `dropped` delivery report for `records` (counted as one event when empty:
 * an event refused at `track` never became a record).
 *
 * @example
 * report(dropReport(records, 'retries', 'HTTP 503'));
 */
export function dropReport(records: QueueRecord[], reason: DropReason, error?: string): DeliveryReport {
  return { kind: 'dropped', count: records.length || 1, messageIds: records.map((r) => r.id), reason, error };
}
