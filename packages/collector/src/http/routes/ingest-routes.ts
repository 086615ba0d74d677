import { getOwn, isRecord, LIMITS, type EventType } from '@pulse/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireWriteKey } from '../../auth/credentials.js';
import type { CollectorContext } from '../../collector-context.js';
import { PulseError } from '../../errors.js';
import { ingestBody } from '../../ingest/ingest-body.js';
import { errorResponse, retryLater, WRITE_KEY } from '../../contract/common.js';
import {
  BatchRequest,
  DiagnosticsRequest,
  DiagnosticsResponse,
  IngestError,
  IngestEvent,
  IngestResponse,
} from '../../contract/ingest.js';
import { sniffGzip } from '../body-parser.js';
import { readClientHeaders, withSentAt } from '../client-headers.js';
import { DOCUMENTED_ONLY } from '../route-options.js';

/** Segment's long paths, the short forms analytics-next posts to, and RudderStack's beacon path. */
export const INGEST_PATHS: Record<EventType | 'batch', readonly string[]> = {
  batch: ['/v1/batch', '/v1/b', '/beacon/v1/batch'],
  track: ['/v1/track', '/v1/t'],
  identify: ['/v1/identify', '/v1/i'],
  page: ['/v1/page', '/v1/p'],
  screen: ['/v1/screen', '/v1/s'],
  group: ['/v1/group', '/v1/g'],
  alias: ['/v1/alias', '/v1/a'],
};

const INGEST_ERRORS = {
  400: IngestError,
  401: errorResponse('Missing or invalid write key'),
  403: errorResponse('Origin not allowed'),
  413: errorResponse('Request or batch over the limits'),
  415: errorResponse('Unsupported content encoding or type'),
  429: retryLater('Rate limit exceeded: retry after the Retry-After delay'),
  503: retryLater('Storage unavailable: nothing was stored; retry after the Retry-After delay'),
};

function ingestSchema(kind: EventType | 'batch') {
  return {
    summary: kind === 'batch' ? 'Ingest a batch of events' : `Ingest one ${kind} event`,
    description: `JSON as application/json, text/plain or untyped, optionally gzip or deflate (Content-Encoding), or gzip without that header (recognised by its magic bytes 1f 8b, as the tracker sends it to stay CORS-simple), at most ${LIMITS.maxRequestBytes} bytes decoded, ${LIMITS.maxBatchEvents} events per batch. The write key may also travel as "writeKey" in the body; a backend may send with the secret key (its user ids count as verified).`,
    consumes: ['application/json', 'text/plain'],
    security: [...WRITE_KEY, { secretKey: [] }],
    body: kind === 'batch' ? BatchRequest : IngestEvent,
    response: { 200: IngestResponse, ...INGEST_ERRORS },
  };
}

function admit(ctx: CollectorContext, req: FastifyRequest): void {
  // A backend may send with the secret key: its events count as verified identities.
  const { credentials } = req;
  const key = credentials.proof.trusted
    ? ctx.secretKey
    : requireWriteKey(credentials, ctx.writeKey, req.body, req.query);
  const decision = ctx.limiter?.take(key);
  if (decision !== undefined && !decision.allowed) {
    throw new PulseError('rate-limited', 'rate limit exceeded for this write key: retry after the Retry-After delay', {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}

function droppedCounts(body: unknown): [string, number][] {
  const dropped = isRecord(body) ? getOwn(body, 'dropped') : undefined;
  if (!isRecord(dropped)) throw new PulseError('invalid', 'body.dropped: must be an object of reason → count');
  return Object.keys(dropped).map((reason) => {
    const n = dropped[reason];
    if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1e9)) {
      throw new PulseError('invalid', `body.dropped.${reason}: must be a whole number ≥ 0`);
    }
    return [reason, n];
  });
}

/**
 * The ingestion API: `POST /v1/batch` and the single-event paths (long and short
 * forms, and RudderStack's `/beacon/v1/batch?writeKey=…`), answering
 * `200 { accepted, duplicates, rejected }` only after the transaction committed
 * (retries the peers' SDKs mark in headers count in `pulse_ingest_retries_total`);
 * and `POST /v1/diagnostics`, where trackers report events they had to drop
 * (counted in `pulse_client_dropped_events_total`).
 *
 * @example
 * registerIngestRoutes(app, ctx);
 */
export function registerIngestRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  for (const [kind, paths] of Object.entries(INGEST_PATHS) as [EventType | 'batch', readonly string[]][]) {
    const schema = ingestSchema(kind);
    for (const path of paths)
      app.post(path, { schema, validatorCompiler: DOCUMENTED_ONLY, preParsing: sniffGzip }, async (req) => {
        admit(ctx, req);
        const client = readClientHeaders(req.headers);
        if (client.retriedBy !== undefined) ctx.metrics.retry(client.retriedBy);
        return ingestBody(ctx, withSentAt(req.body, client.sentAt), kind, req.credentials.proof);
      });
  }
  const diagnostics = {
    summary: 'Report events a client dropped, by reason',
    consumes: ['application/json', 'text/plain'],
    security: WRITE_KEY,
    body: DiagnosticsRequest,
    response: { 200: DiagnosticsResponse, ...INGEST_ERRORS },
  };
  // Checked by hand after the write key: the key may be in the body.
  app.post('/v1/diagnostics', { schema: diagnostics, validatorCompiler: DOCUMENTED_ONLY }, async (req) => {
    admit(ctx, req);
    const counts = droppedCounts(req.body);
    let total = 0;
    for (const [reason, n] of counts) {
      ctx.metrics.clientDropped(reason, n);
      total += n;
    }
    return { recorded: total };
  });
}
