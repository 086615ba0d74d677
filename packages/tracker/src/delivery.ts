import { LIMITS, retryAfterMs } from '@pulse/core';
import { backoffDelay } from './backoff.js';
import { monotonicNow } from './clock.js';
import { withFlushLock } from './flush-lock.js';
import { batchBody, gzip, isRetryable, post } from './post-batch.js';
import { takeWithin, type QueueRecord, type QueueStore } from './queue-store.js';
import type { DeliveryReport } from './types.js';

/** Keepalive requests of a page share ~64 KB in flight (Fetch spec); over it they fail, so never exceed it. */
const KEEPALIVE_BUDGET = 64_000;
/** Room for the envelope around the events (`sentAt`, `writeKey`). */
const ENVELOPE = 1024;
/**
 * Events read per batch: 500 KB hold about 850 typical events (600 B). Reading the
 * collector's 2,500 would deserialise three times what a batch can carry.
 */
const MAX_EVENTS = 1000;

/**
 * What delivery needs from the tracker. Members named `_x` are internal: builds rename
 * them to short names, as they do the fields of `DeliveryState` (docs/decisions.md,
 * "Internal property names"), so never make them public, store or send them.
 *
 * @example
 * const deps: DeliveryDeps = { url, writeKey, _lockName, _openStore, _canSend, _report, maxRetries: 10, retryBase: 1000, retryCap: 60_000 };
 */
export interface DeliveryDeps {
  url: string;
  writeKey: string;
  _lockName: string;
  _openStore(): Promise<QueueStore>;
  /** Consent given and the browser online. */
  _canSend(): boolean;
  _report(report: DeliveryReport): void;
  maxRetries: number;
  retryBase: number;
  retryCap: number;
}

/** Mutable delivery state, kept in one object rather than a closure of loose variables (`_` fields: renamed in builds). */
interface DeliveryState {
  /** Consecutive failed attempts. */
  _failures: number;
  /** Wall-clock ms before which nothing is sent (backoff or `Retry-After`). */
  _retryAt: number;
  _timer?: ReturnType<typeof setTimeout>;
  _keepaliveBytes: number;
  /** Server time minus page time. */
  _skewMs: number;
  _running?: Promise<void>;
  _again?: boolean;
}

/**
 * The send loop: under the cross-tab flush lock, read the oldest batch from the
 * shared queue, POST it, and settle it: delete on 2xx (only then), split on 413,
 * drop what a 4xx names, back off (full jitter, `Retry-After`) on 408/429/5xx and
 * network errors. `_sendNow` is the unload path: a keepalive request, synchronously,
 * within the browser's keepalive budget.
 *
 * @example
 * const delivery = createDelivery(deps);
 * await delivery.flush();
 */
export function createDelivery(deps: DeliveryDeps) {
  const s: DeliveryState = { _failures: 0, _retryAt: 0, _keepaliveBytes: 0, _skewMs: 0 };
  /**
   * Ids in a request of this tab right now, or answered and not yet deleted: never put in
   * a second one (from the unload path, say). A record leaves this set once settled, or
   * when its request failed and it waits in the queue for a retry.
   */
  const inflight = new Set<string>();
  /** Consent given, online, and not backing off. */
  const ready = () => deps._canSend() && Date.now() >= s._retryAt;
  const fresh = (r: QueueRecord) => !inflight.has(r.id);
  const unmark = (records: QueueRecord[]) => {
    for (const r of records) inflight.delete(r.id);
  };

  /**
   * Deletes `records` and reports them once the delete committed (`fields`), in the
   * transaction that reads the next `count` records (none by default), which it returns.
   */
  async function settle([records, fields]: Settled, count = 0, after?: string): Promise<QueueRecord[]> {
    if (!records.length && !count) return [];
    const next = await (await deps._openStore()).take(records, count, LIMITS.maxRequestBytes - ENVELOPE, after);
    if (records.length) deps._report(deliveryReport(records, fields));
    unmark(records);
    return next;
  }

  /**
   * Sends and settles `records`; false when the rest of the queue must wait for a retry.
   * `body`: the batch as a string (the unload path's plain JSON, sent in this task) or
   * being compressed already; by default it is compressed now. With `defer`, a batch the
   * collector took whole is handed to it instead of deleted here: the send loop deletes it
   * in the transaction that reads the next batch (it stays in flight until then).
   */
  async function deliver(
    records: QueueRecord[],
    prepared?: Promise<Blob | string> | string,
    defer?: (sent: Settled) => void,
  ): Promise<boolean> {
    for (const r of records) inflight.add(r.id);
    // A string is sent as is, before this task ends: at unload there is no time to compress.
    const body = typeof prepared === 'string' ? prepared : await (prepared ?? gzip(batchBody(records, deps.writeKey)));
    const size = new Blob([body]).size;
    // keepalive (the request survives the page) whenever it fits in the page's budget.
    const bytes = size + s._keepaliveBytes <= KEEPALIVE_BUDGET ? size : 0;
    s._keepaliveBytes += bytes;
    const res = await post(deps.url, body, bytes > 0);
    s._keepaliveBytes -= bytes;
    const server = Date.parse(res?.headers.get('date') ?? '');
    if (server) {
      const skew = server - monotonicNow();
      s._skewMs = Math.abs(skew) > 2000 ? skew : 0; // the header has 1 s resolution; smaller offsets are noise
    }
    const status = res?.status ?? 0;
    if (!res || isRetryable(status)) return retry(records, status, res);
    s._failures = 0;
    if (status === 413 && records.length > 1) {
      unmark(records); // each half is marked again while it is sent
      const half = Math.ceil(records.length / 2);
      return (await deliver(records.slice(0, half))) && deliver(records.slice(half));
    }
    const answer = (await res.json().catch(() => null)) as {
      rejected?: { index?: number; messageId?: string; error?: string }[];
      position?: unknown;
    } | null;
    const rejected = Array.isArray(answer?.rejected) ? answer.rejected : [];
    let refused = records.filter((r, i) => rejected.some((x) => x.index === i || x.messageId === r.id));
    // A 4xx that names no event (a 413 for one event alone included) would refuse the batch
    // forever: drop it instead of blocking the queue.
    if (!res.ok && !refused.length) refused = records;
    const sent = res.ok ? records.filter((r) => !refused.includes(r)) : [];
    const position = typeof answer?.position === 'string' ? { position: answer.position } : {};
    const report: Settled = [sent, { kind: 'sent', status, ...position }];
    if (defer && !refused.length) return (defer(report), true);
    await settle(report);
    await settle([refused, { kind: 'dropped', reason: 'rejected', error: rejected[0]?.error ?? `HTTP ${status}` }]);
    unmark(records); // neither sent nor refused (a 4xx naming some): read again by the next flush
    return true;
  }

  async function retry(records: QueueRecord[], status: number, res: Response | undefined): Promise<boolean> {
    const now = Date.now();
    const after = retryAfterMs(res?.headers.get('retry-after'), now);
    // Offline: spend no attempt; the `online` event resumes delivery.
    const offline = !status && !navigator.onLine;
    // A collector that says when to come back (429, or 503 while its database is down)
    // is pacing the client, not failing it: that spends no attempt, however long it lasts.
    if (!offline && after === undefined) s._failures++;
    if (status && s._failures > deps.maxRetries) {
      s._failures = 0;
      await settle([records, { kind: 'dropped', reason: 'retries', error: `HTTP ${status}` }]);
      return true;
    }
    unmark(records);
    if (offline) return false;
    const delay = after ?? backoffDelay(s._failures, deps.retryBase, deps.retryCap);
    s._retryAt = now + delay;
    schedule(delay);
    deps._report(deliveryReport(records, { kind: 'retried', status, attempt: s._failures, delay }));
    return false;
  }

  /**
   * Under the lock, sends batch after batch, oldest first: each is read and compressed
   * while the one before it is in flight, and goes as soon as that one succeeded. One
   * IndexedDB transaction per batch: it deletes the batch answered last and reads the
   * next. True when it sent something and every request succeeded (the caller looks
   * again, from the oldest: another tab may have added older events meanwhile).
   */
  const sendOldest = () =>
    withFlushLock(deps._lockName, async () => {
      let after: string | undefined;
      let done: Settled = NOTHING;
      let sending = Promise.resolve(true);
      let ok: boolean;
      for (;;) {
        // Taken before the await: the batch in flight may be answered (and deferred) meanwhile.
        const answered = done;
        done = NOTHING;
        const records = (await settle(answered, ready() ? MAX_EVENTS : 0, after)).filter(fresh);
        for (const r of records) inflight.add(r.id); // read ahead: not for the unload path either
        const body = records.length ? gzip(batchBody(records, deps.writeKey)) : undefined;
        // Checked again once the batch before is answered: consent may have been revoked meanwhile.
        ok = await sending;
        if (!ok || !body || !ready()) {
          unmark(records);
          break;
        }
        after = (records.at(-1) as QueueRecord).id;
        sending = deliver(records, body, (sent) => (done = sent)).catch(() => (unmark(records), false));
      }
      await settle(done); // the last batch answered, or the one before a stop
      return ok && after !== undefined;
    });

  async function drain(): Promise<void> {
    while (s._again) {
      s._again = false;
      try {
        while (ready() && (await sendOldest()));
      } catch {
        // storage or lock failure: the events stay queued for the next flush
      }
    }
    const wait = s._retryAt - Date.now();
    if (wait > 0) schedule(wait); // a flush asked for during a backoff still happens, when it ends
  }

  function flush(): Promise<void> {
    s._again = true;
    // A flush asked for while the loop was finishing (after its last check of `_again`)
    // runs it once more: the check and the end of the run are one step.
    const run = (): Promise<void> => drain().then(() => (s._again ? run() : void (s._running = undefined)));
    return (s._running ??= run());
  }

  function schedule(delay: number): void {
    clearTimeout(s._timer);
    s._timer = setTimeout(flush, delay);
  }

  function sendNow(records: QueueRecord[]): void {
    if (!ready()) return;
    const fitting = takeWithin(records.filter(fresh), KEEPALIVE_BUDGET - s._keepaliveBytes - ENVELOPE);
    if (fitting.length) void deliver(fitting, batchBody(fitting, deps.writeKey)).catch(() => unmark(fitting));
  }

  return { flush, _sendNow: sendNow, skew: () => s._skewMs };
}

/** Records answered and what to report about them once their delete committed. */
type Settled = [QueueRecord[], ReportFields];
const NOTHING: Settled = [[], { kind: 'sent', status: 200 }];

/** A delivery report without the fields `deliveryReport` derives from the records. */
export type ReportFields = DeliveryReport extends infer R
  ? R extends unknown
    ? Omit<R, 'count' | 'messageIds'>
    : never
  : never;

/**
 * The delivery report about `records`: their count and ids, plus `fields` (counted as
 * one event when empty: an event refused at `track` never became a record).
 *
 * @example
 * report(deliveryReport(records, { kind: 'dropped', reason: 'retries', error: 'HTTP 503' }));
 */
export function deliveryReport(records: { id: string }[], fields: ReportFields): DeliveryReport {
  return { count: records.length || 1, messageIds: records.map((r) => r.id), ...fields } as DeliveryReport;
}
