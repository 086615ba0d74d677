import { seededRandom } from '../../src/calibrate/synthetic-population.js';
import { WRITE_KEY } from './collector-process.js';

// The same seed gives the same batches and the same kill moments, so a failing run can be replayed.
export { seededRandom };

/** One Segment event as the generator sends it. */
export type LoadEvent = Record<string, unknown> & { messageId: string };

const EVENTS = ['Project Created', 'Teammate Invited', 'Core Feature Used', 'Session Ended', 'Payment Failed'];
const HOUR = 3_600_000;

/**
 * A batch of 5–20 events from one seeded stream: tracks of the SaaS model's
 * events and identifies with a plan fixed per user (so trait merges do not
 * depend on arrival order), timestamped within the last three days (so no
 * score moves if a run crosses midnight).
 *
 * @example
 * const batch = makeBatch(seededRandom(1), 'c0-b0', 20, Date.now());
 */
export function makeBatch(rng: () => number, id: string, users: number, now: number): LoadEvent[] {
  const size = 5 + Math.floor(rng() * 16);
  return Array.from({ length: size }, (_, i): LoadEvent => {
    const user = Math.floor(rng() * users);
    const base = {
      messageId: `${id}-e${i}`,
      userId: `user-${user}`,
      timestamp: new Date(now - Math.floor(rng() * 72 * HOUR)).toISOString(),
    };
    if (rng() < 0.1) return { ...base, type: 'identify', traits: { plan: user % 3 === 0 ? 'trial' : 'pro' } };
    const event = EVENTS[Math.floor(rng() * EVENTS.length)] as string;
    const properties = event === 'Session Ended' ? { minutes: 1 + Math.floor(rng() * 30) } : { n: i };
    return { ...base, type: 'track', event, properties };
  });
}

/** The answer to one POST: the status (0 for a network error) and the parsed body. */
export interface PostResult {
  status: number;
  retryAfter: string | null;
  body: { accepted?: number; duplicates?: number; rejected?: unknown[]; error?: string } | null;
}

/**
 * POSTs `batch` to `<url>/v1/batch` with the write key as Basic auth; a network
 * error or a timeout is status 0, never a throw.
 *
 * @example
 * const r = await postBatch('http://127.0.0.1:8787', batch, { sentAt: true });
 */
export async function postBatch(url: string, batch: LoadEvent[], o: { sentAt: boolean }): Promise<PostResult> {
  const body = { batch, ...(o.sentAt ? { sentAt: new Date().toISOString() } : {}) };
  try {
    const res = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json().catch(() => null)) as PostResult['body'];
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: json };
  } catch {
    return { status: 0, retryAfter: null, body: null };
  }
}

/**
 * What a load run did: every messageId it generated, those a 2xx acknowledged,
 * and counts of requests by outcome.
 *
 * @example
 * const s: LoadStats = load.stats; s.acked.size;
 */
export interface LoadStats {
  sent: Set<string>;
  acked: Set<string>;
  requests: number;
  ok: number;
  /** Requests that got no HTTP answer (the process was down or died mid-request). */
  networkErrors: number;
  /** Non-2xx answers by status. */
  statuses: Record<number, number>;
  /** Events a 2xx answer counted as duplicates (resends after a lost answer). */
  duplicates: number;
  /** 2xx answers that rejected an event (never expected: every event is valid). */
  rejected: number;
  /** A 2xx answer whose accepted + duplicates did not match the batch size. */
  miscounted: number;
  /** When each request that got a 2xx was sent (epoch ms). */
  okSentAt: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `clients` concurrent senders, each a loop of seeded batches that it retries
 * (same messageIds) until a 2xx, and sometimes resends after the 2xx (as a
 * client whose answer was lost would). `stop()` ends the loops once every
 * batch in hand is acknowledged, or rejects after `drainMs`.
 *
 * @example
 * const load = startLoad({ seed: 7, clients: 4, users: 20, url: () => current.url, sentAt: true });
 * await sleep(2000);
 * await load.stop();
 */
export function startLoad(o: {
  seed: number;
  clients: number;
  users: number;
  url: () => string;
  sentAt: boolean;
  drainMs?: number;
}): { stats: LoadStats; stop(): Promise<void> } {
  const stats: LoadStats = {
    sent: new Set(),
    acked: new Set(),
    requests: 0,
    ok: 0,
    networkErrors: 0,
    statuses: {},
    duplicates: 0,
    rejected: 0,
    miscounted: 0,
    okSentAt: [],
  };
  let stopping = false;
  const now = Date.now();

  async function deliver(batch: LoadEvent[]): Promise<void> {
    for (;;) {
      stats.requests += 1;
      const sentAt = Date.now();
      const r = await postBatch(o.url(), batch, { sentAt: o.sentAt });
      if (r.status >= 200 && r.status < 300) {
        stats.ok += 1;
        stats.okSentAt.push(sentAt);
        for (const e of batch) stats.acked.add(e.messageId);
        stats.duplicates += r.body?.duplicates ?? 0;
        stats.rejected += r.body?.rejected?.length ?? 0;
        if ((r.body?.accepted ?? -1) + (r.body?.duplicates ?? -1) !== batch.length) stats.miscounted += 1;
        return;
      }
      if (r.status === 0) stats.networkErrors += 1;
      else stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
      await sleep(r.status === 0 ? 20 : 50);
    }
  }

  async function client(index: number): Promise<void> {
    const rng = seededRandom(o.seed * 1000 + index);
    for (let n = 0; !stopping; n++) {
      const batch = makeBatch(rng, `s${o.seed}-c${index}-b${n}`, o.users, now);
      for (const e of batch) stats.sent.add(e.messageId);
      await deliver(batch);
      if (rng() < 0.1) await deliver(batch);
    }
  }

  const loops = Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  return {
    stats,
    async stop() {
      stopping = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('load did not drain in time')), o.drainMs ?? 20_000);
      });
      try {
        await Promise.race([loops, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
