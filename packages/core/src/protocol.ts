import { parseIsoTimestamp } from './iso-time.js';

/**
 * The Segment-compatible event envelope Pulse accepts and sends, and its limits.
 * See DESIGN "Event protocol"; unknown fields are kept as they are.
 */

/** The event types of the Segment spec, as a value list and a union. */
export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/**
 * One of `track | identify | page | screen | group | alias`.
 *
 * @example
 * const t: EventType = 'track';
 */
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Size and count limits shared by the tracker (which never builds a request over
 * them) and the collector (which enforces them).
 *
 * @example
 * if (bytes > LIMITS.maxEventBytes) reject();
 */
export const LIMITS = {
  /** One event serialised as UTF-8 JSON. */
  maxEventBytes: 32 * 1024,
  /** One HTTP request body (after gunzip). */
  maxRequestBytes: 500 * 1024,
  /** Events in one `/v1/batch` request. */
  maxBatchEvents: 2500,
  /** Characters in a `messageId`, the dedupe key. */
  maxMessageIdLength: 100,
} as const;

/** A JSON object with unknown values. */
export type JsonObject = Record<string, unknown>;

/**
 * One event on the wire, a superset of the Segment HTTP Tracking API.
 *
 * @example
 * const e: PulseEvent = { type: 'track', event: 'Project Created', userId: 'u1',
 *   messageId: '0190f6c1-…', timestamp: '2026-11-22T10:00:00.000Z' };
 */
export interface PulseEvent {
  type: EventType;
  messageId: string;
  userId?: string | null;
  anonymousId?: string | null;
  /** `track` only: the event name. */
  event?: string;
  /** `page` / `screen`: the page name. */
  name?: string;
  category?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  /** `group` only. */
  groupId?: string;
  /** `alias` only: the id being merged into `userId`. */
  previousId?: string;
  /** ISO-8601; when the event happened on the client's clock. */
  timestamp?: string;
  /** Segment's name for the client timestamp; accepted as `timestamp`. */
  originalTimestamp?: string;
  /** ISO-8601; when the client sent the request, on the same clock. */
  sentAt?: string;
  context?: JsonObject;
  integrations?: JsonObject;
  [extra: string]: unknown;
}

/**
 * The body of `POST /v1/batch`.
 *
 * @example
 * const body: BatchRequest = { batch: [event], sentAt: new Date().toISOString() };
 */
export interface BatchRequest {
  batch: PulseEvent[];
  sentAt?: string;
  context?: JsonObject;
  integrations?: JsonObject;
  writeKey?: string;
}

/**
 * The collector's answer to an ingestion request: how many events were stored,
 * how many were already stored (re-sent `messageId`s), and which were refused.
 *
 * @example
 * const r: IngestResponse = { accepted: 9, duplicates: 0,
 *   rejected: [{ index: 3, messageId: 'm4', error: 'batch[3].event: required for type "track"' }] };
 */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; messageId?: string; error: string }[];
  /** With the collector's event log: the read-your-writes position to pass to the state read as `after`. */
  position?: string;
}

/**
 * The stored time of an event in epoch milliseconds, corrected for client clock
 * skew: `timestamp + (receivedAt - sentAt)` when both client times are valid,
 * `timestamp` alone without `sentAt`, and `receivedAt` without a valid
 * `timestamp`. Times are parsed strictly (`parseIsoTimestamp`: real calendar
 * dates, UTC when no zone is given); either may be given already parsed
 * (epoch ms, as `validateEvent` returns them).
 *
 * @example
 * normalizeTimestamp('2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z', Date.parse('2026-01-01T01:00:10Z'));
 * // → Date.parse('2026-01-01T01:00:00Z'): the client clock was an hour behind
 */
export function normalizeTimestamp(
  timestamp: string | number | undefined,
  sentAt: string | number | undefined,
  receivedAt: number,
): number {
  const at = typeof timestamp === 'number' ? timestamp : timestamp === undefined ? NaN : parseIsoTimestamp(timestamp);
  if (!Number.isFinite(at)) return receivedAt;
  const sent = typeof sentAt === 'number' ? sentAt : sentAt === undefined ? NaN : parseIsoTimestamp(sentAt);
  return Number.isFinite(sent) ? at + (receivedAt - sent) : at;
}
