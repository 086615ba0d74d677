import {
  isRecord,
  LIMITS,
  normalizeTimestamp,
  parseIsoTimestamp,
  validateEvent,
  type EventType,
  type IngestResponse,
} from '@pulse/core';
import { PulseError } from '../errors.js';
import { isIdentityVerified, markIdentity, type IdentityProof } from '../auth/identity-proof.js';
import type { IngestItem } from './ingest-items.js';

/**
 * A request body split into storable items and per-event rejections.
 *
 * @example
 * const { items, rejected } = normalizeBody(body, 'batch', Date.now());
 */
export interface NormalizedBody {
  items: IngestItem[];
  rejected: IngestResponse['rejected'];
}

interface Envelope {
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  sentAt?: number;
}

function envelopeOf(body: Record<string, unknown>): Envelope {
  const env: Envelope = {};
  if (isRecord(body.context)) env.context = body.context;
  if (isRecord(body.integrations)) env.integrations = body.integrations;
  const sentAt = typeof body.sentAt === 'string' ? parseIsoTimestamp(body.sentAt) : NaN;
  if (Number.isFinite(sentAt)) env.sentAt = sentAt;
  return env;
}

// Spread defines own data properties, so a `__proto__` key stays inert data.
// Most events need no change, and are passed on as they are.
function withEnvelope(raw: Record<string, unknown>, env: Envelope): Record<string, unknown> {
  if (env.context === undefined && env.integrations === undefined && !Object.hasOwn(raw, 'writeKey')) return raw;
  const event: Record<string, unknown> = { ...raw };
  delete event.writeKey;
  if (env.context !== undefined && (raw.context === undefined || isRecord(raw.context))) {
    event.context = { ...env.context, ...(raw.context as Record<string, unknown> | undefined) };
  }
  if (env.integrations !== undefined && (raw.integrations === undefined || isRecord(raw.integrations))) {
    event.integrations = { ...env.integrations, ...(raw.integrations as Record<string, unknown> | undefined) };
  }
  return event;
}

function batchOf(body: Record<string, unknown>): unknown[] {
  const batch = body.batch;
  if (!Array.isArray(batch)) throw new PulseError('invalid', 'body.batch: must be an array of events');
  if (batch.length === 0) throw new PulseError('invalid', 'body.batch: must contain at least one event');
  if (batch.length > LIMITS.maxBatchEvents) {
    throw new PulseError(
      'too-large',
      `body.batch: has ${batch.length} events, over the ${LIMITS.maxBatchEvents}-event limit per batch`,
    );
  }
  return batch;
}

/**
 * Turns a `/v1/batch` body (or a single-event body for `/v1/track` etc.) into
 * validated items: merges the batch's top-level `context` / `integrations` into
 * each event (the event's own keys win), drops `writeKey`, fills `type` from the
 * path for single events, validates with `validateEvent`, and corrects each
 * time for client clock skew with `sentAt` (the event's, else the batch's), and
 * marks events whose `userId` the `proof` does not verify (see verify-identity.ts).
 * Throws an `invalid` or `too-large` `PulseError` for a body that is not a batch at all.
 *
 * @example
 * normalizeBody({ batch: [{ type: 'track', event: 'E', userId: 'u', messageId: 'm' }] }, 'batch', Date.now(), SERVER_SIDE);
 */
export function normalizeBody(
  body: unknown,
  kind: EventType | 'batch',
  receivedAt: number,
  proof: IdentityProof,
): NormalizedBody {
  if (!isRecord(body)) throw new PulseError('invalid', 'body: must be a JSON object');
  const env = envelopeOf(body);
  const batchToken = kind === 'batch' ? body.userToken : undefined;
  // A batch is mostly one user's: each (user, event token) pair is checked once.
  const checked = new Map<string, boolean>();
  const anyToken = proof.trusted || batchToken !== undefined || proof.headerToken !== undefined;
  const verified = (userId: string, eventToken: unknown): boolean => {
    // Most events carry no proof at all: nothing to look up or cache.
    if (!anyToken && eventToken === undefined) return false;
    // JSON keeps the pair unambiguous whatever characters either holds.
    const key = JSON.stringify([typeof eventToken === 'string' ? eventToken : null, userId]);
    let ok = checked.get(key);
    if (ok === undefined) {
      ok = isIdentityVerified(proof, userId, [eventToken, batchToken, proof.headerToken]);
      checked.set(key, ok);
    }
    return ok;
  };
  const raws = kind === 'batch' ? batchOf(body) : [body];
  const items: IngestItem[] = [];
  const rejected: IngestResponse['rejected'] = [];
  raws.forEach((raw, index) => {
    const path = kind === 'batch' ? `batch[${index}]` : 'body';
    let candidate: unknown = raw;
    if (isRecord(raw)) {
      const record = markIdentity(
        withEnvelope(raw, kind === 'batch' ? env : { context: undefined, integrations: undefined }),
        verified,
      );
      candidate = record;
      if (kind !== 'batch') {
        record.type ??= kind;
        if (record.type !== kind) {
          const messageId = typeof raw.messageId === 'string' ? { messageId: raw.messageId } : {};
          rejected.push({ index, ...messageId, error: `${path}.type: must be "${kind}" on this path` });
          return;
        }
      }
    }
    const result = validateEvent(candidate, path);
    if (!result.ok) {
      rejected.push({
        index,
        ...(result.messageId === undefined ? {} : { messageId: result.messageId }),
        error: result.error,
      });
      return;
    }
    // The client time (`timestamp`, else `originalTimestamp`), skew-corrected with
    // the event's `sentAt`, else the batch's; validation already parsed them.
    const at = normalizeTimestamp(result.time, result.sentAt ?? env.sentAt, receivedAt);
    items.push({ index, event: result.event, json: result.json, at, receivedAt });
  });
  return { items, rejected };
}
