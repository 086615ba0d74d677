import {
  addEvent,
  createRollup,
  normalizeConfig,
  normalizeTimestamp,
  selectModel,
  userState,
  type PulseConfig,
  type PulseEvent,
  type Rollup,
} from '@pulse/core';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { vi } from 'vitest';

export const HOST = 'https://collector.test';

/** A scripted answer to a `/v1/batch` request, or a function of the request's events giving one. */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'network-error'
  | ((events: PulseEvent[]) => Reply);

/** One `/v1/batch` request as the collector saw it. */
export interface BatchRequestSeen {
  /** `Date.now()` when it arrived (fake time under fake timers). */
  at: number;
  events: PulseEvent[];
  sentAt: string;
  writeKey: string;
  contentType: string | null;
  keepalive: boolean;
  /** Whether the body was gzip (recognised by its first bytes, as the real collector does). */
  gzip: boolean;
  /** Body bytes on the wire. */
  bytes: number;
  /** Body bytes once decoded: what the 500 KB limit counts. */
  jsonBytes: number;
}

/** A request body as text, gunzipped when it starts with the gzip magic bytes. */
async function bodyText(request: Request): Promise<[string, boolean, number]> {
  const raw = new Uint8Array(await request.arrayBuffer());
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
  const text = gzipped
    ? await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(raw);
  return [text, gzipped, raw.length];
}

/**
 * A collector in msw handlers behind a stubbed `fetch`: it records every batch,
 * answers with scripted replies (default 200), dedupes by messageId, keeps
 * per-user rollups with @pulse/core exactly as the real collector does, and
 * serves `/v1/config` and `/v1/users/{id}/state`.
 */
export function installCollector(config: PulseConfig | null = null) {
  const batches: BatchRequestSeen[] = [];
  const replies: Reply[] = [];
  let otherwise: Reply = { status: 200 };
  const stored = new Map<string, PulseEvent>();
  const received = new Map<string, number>();
  const diagnostics: Record<string, unknown>[] = [];
  const traits = new Map<string, Record<string, unknown>>();
  const rollups = new Map<string, Record<string, Rollup>>();
  let stateRequests = 0;
  const stateUrls: string[] = [];
  const segments = new Map<string, string[]>();
  let configRequests = 0;

  function store(event: PulseEvent, sentAt: string): void {
    if (stored.has(event.messageId)) return;
    stored.set(event.messageId, event);
    const userId = event.userId;
    if (!config || typeof userId !== 'string') return;
    if (event.type === 'identify') traits.set(userId, { ...traits.get(userId), ...event.traits });
    const byModel = rollups.get(userId) ?? {};
    rollups.set(userId, byModel);
    const at = normalizeTimestamp(event.timestamp, sentAt, Date.now());
    for (const model of normalizeConfig(config).models) {
      addEvent((byModel[model.id] ??= createRollup(model.id)), { ...event, timestamp: at }, model);
    }
  }

  const handlers: RequestHandler[] = [
    http.post(`${HOST}/v1/batch`, async ({ request }) => {
      const [text, gzipped, bytes] = await bodyText(request);
      const body = JSON.parse(text) as { batch: PulseEvent[]; sentAt: string; writeKey: string };
      batches.push({
        at: Date.now(),
        events: body.batch,
        sentAt: body.sentAt,
        writeKey: body.writeKey,
        contentType: request.headers.get('content-type'),
        keepalive: request.keepalive,
        gzip: gzipped,
        bytes,
        jsonBytes: new TextEncoder().encode(text).length,
      });
      for (const e of body.batch) received.set(e.messageId, (received.get(e.messageId) ?? 0) + 1);
      let reply = replies.shift() ?? otherwise;
      while (typeof reply === 'function') reply = reply(body.batch);
      if (reply === 'network-error') return HttpResponse.error();
      if (reply.status >= 200 && reply.status < 300) for (const e of body.batch) store(e, body.sentAt);
      const json = reply.body ?? { accepted: body.batch.length, duplicates: 0, rejected: [] };
      return HttpResponse.json(json, {
        status: reply.status,
        headers: { Date: new Date().toUTCString(), ...reply.headers },
      });
    }),
    http.post(`${HOST}/v1/diagnostics`, async ({ request }) => {
      diagnostics.push(JSON.parse(await request.text()) as Record<string, unknown>);
      return HttpResponse.json({ ok: true });
    }),
    http.get(`${HOST}/v1/config`, () => {
      configRequests++;
      return config ? HttpResponse.json(config) : new HttpResponse(null, { status: 404 });
    }),
    http.get(`${HOST}/v1/users/:userId/state`, ({ params, request }) => {
      stateRequests++;
      stateUrls.push(request.url);
      const userId = String(params.userId);
      if (!config || request.headers.get('x-pulse-user-token') !== `token-${userId}`) {
        return new HttpResponse(null, { status: 401 });
      }
      const inSegments = segments.get(userId);
      const state = userState({
        config,
        rollups: rollups.get(userId) ?? {},
        traits: traits.get(userId),
        userKey: userId,
        now: Date.now(),
        segments: inSegments,
      });
      return HttpResponse.json(inSegments ? { ...state, segments: inSegments } : state);
    }),
  ];

  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await getResponse(handlers, new Request(input, init));
    if (!response || response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  });

  return {
    batches,
    diagnostics,
    /** userId → the saved segments the state answer says the user is in (the collector evaluates them). */
    segments,
    /** Every event the collector stored, once each. */
    stored,
    /** messageId → how many requests carried it. */
    received,
    get stateRequests() {
      return stateRequests;
    },
    /** The URL of every state request, in order. */
    stateUrls,
    get configRequests() {
      return configRequests;
    },
    /** Answers the next requests with these, in order. */
    reply(...next: Reply[]) {
      replies.push(...next);
    },
    /** Answers every request without a scripted reply with this (default 200). */
    otherwise(reply: Reply) {
      otherwise = reply;
    },
    /** The model the collector applies to a user (for parity checks). */
    modelOf(userId: string) {
      return config ? selectModel(normalizeConfig(config).models, traits.get(userId)) : undefined;
    },
  };
}

export type MockCollector = ReturnType<typeof installCollector>;

let counter = 0;

/** A write key no other test uses, so each test has its own queue, storage and lock. */
export function freshWriteKey(): string {
  return `pk_test_${Date.now().toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** One real macrotask turn (not a timer, so fake timers leave it alone): lets IndexedDB and fetch callbacks run. */
export function tick(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/** Waits, in real macrotask turns, until `condition` holds; fails after `ms` of real time. */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error('condition not met');
    await tick();
  }
}
