import { EVENT_TYPES, LIMITS } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { ErrorBody } from './common.js';

// The ingestion API. Request bodies are described here for the document only:
// the collector validates each event itself, so one bad event never rejects a batch.

const loose = { additionalProperties: true };
const time = Type.String({ format: 'date-time' });

/**
 * One event, Segment's shape (docs/api.md lists the per-event checks).
 *
 * @example
 * const e: IngestEvent = { type: 'track', event: 'Project Created', userId: 'user-42', messageId: '0190f6c1-…' };
 */
export const IngestEvent = Type.Object(
  {
    type: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))),
    messageId: Type.String({ maxLength: LIMITS.maxMessageIdLength }),
    userId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    anonymousId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    event: Type.Optional(Type.String({ description: 'Required for track' })),
    name: Type.Optional(Type.String()),
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    traits: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    groupId: Type.Optional(Type.String({ description: 'Required for group' })),
    previousId: Type.Optional(Type.String({ description: 'Required for alias' })),
    timestamp: Type.Optional(time),
    originalTimestamp: Type.Optional(time),
    sentAt: Type.Optional(time),
    context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    integrations: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    writeKey: Type.Optional(Type.String()),
  },
  { ...loose, description: `At most ${LIMITS.maxEventBytes} bytes as JSON` },
);
export type IngestEvent = Static<typeof IngestEvent>;

/**
 * `POST /v1/batch`'s body: events plus what they share.
 *
 * @example
 * const b: BatchRequest = { writeKey: 'pk_…', sentAt: new Date().toISOString(), batch: [event] };
 */
export const BatchRequest = Type.Object(
  {
    batch: Type.Array(IngestEvent, { minItems: 1, maxItems: LIMITS.maxBatchEvents }),
    context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    integrations: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    sentAt: Type.Optional(time),
    writeKey: Type.Optional(Type.String()),
  },
  loose,
);
export type BatchRequest = Static<typeof BatchRequest>;

const counts = {
  accepted: Type.Integer({ description: 'Events stored by this request' }),
  duplicates: Type.Integer({ description: 'Events already stored (re-sent messageIds, repeats inside the batch)' }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer(),
      messageId: Type.Optional(Type.String()),
      error: Type.String({ description: 'What was wrong, e.g. batch[1].event: required for type "track"' }),
    }),
  ),
};

/**
 * What an ingest request answers after commit.
 *
 * @example
 * const r: IngestResponse = { accepted: 1, duplicates: 0, rejected: [{ index: 1, messageId: 'm2', error: 'batch[1].event: required for type "track"' }] };
 */
export const IngestResponse = Type.Object(
  {
    ...counts,
    position: Type.Optional(
      Type.String({
        description:
          'With the event log: where these events are in it; pass it as `after` to GET /v1/users/{userId}/state to read your writes',
      }),
    ),
  },
  {
    description:
      'Stored after commit (or on the replicated event log); duplicates acknowledged, bad events listed by index',
  },
);
export type IngestResponse = Static<typeof IngestResponse>;

/**
 * The 400 of an ingest request: nothing valid (with reasons), or a malformed body.
 *
 * @example
 * const e: IngestError = { error: 'no valid events in the request', accepted: 0, duplicates: 0, rejected: [] };
 */
export const IngestError = Type.Object(
  {
    error: ErrorBody.properties.error,
    accepted: Type.Optional(counts.accepted),
    duplicates: Type.Optional(counts.duplicates),
    rejected: Type.Optional(counts.rejected),
  },
  { ...loose, description: 'Nothing valid in the request, or a malformed body' },
);

/**
 * `POST /v1/diagnostics`'s body: events a tracker had to drop, by reason.
 *
 * @example
 * const d: DiagnosticsRequest = { writeKey: 'pk_…', dropped: { 'queue-full': 3 } };
 */
export const DiagnosticsRequest = Type.Object(
  {
    writeKey: Type.Optional(Type.String()),
    dropped: Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 1e9 })),
    library: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  loose,
);
export type DiagnosticsRequest = Static<typeof DiagnosticsRequest>;

/**
 * `POST /v1/diagnostics`'s answer.
 *
 * @example
 * const r: DiagnosticsResponse = { recorded: 4 };
 */
export const DiagnosticsResponse = Type.Object(
  { recorded: Type.Integer({ description: 'Dropped events counted' }) },
  { description: 'Counted' },
);
export type DiagnosticsResponse = Static<typeof DiagnosticsResponse>;
