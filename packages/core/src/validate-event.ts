import { parseIsoTimestamp } from './iso-time.js';
import { EVENT_TYPES, LIMITS, type EventType, type PulseEvent } from './protocol.js';
import { utf8Length } from './utf8-length.js';
import { getOwn, isRecord } from './own.js';

/**
 * The result of `validateEvent`: the event (unknown fields kept) with its JSON
 * (what was measured against the size limit) and its client times already
 * parsed (epoch ms, `undefined` when absent): `time` is `timestamp`, else
 * `originalTimestamp`; `sentAt` is the event's own `sentAt`. Or the first
 * problem found, named by path.
 *
 * @example
 * const r: EventValidation = validateEvent(raw, 'batch[0]');
 * if (!r.ok) console.log(r.error); // 'batch[0]: needs userId or anonymousId'
 * else normalizeTimestamp(r.time, r.sentAt ?? batchSentAt, receivedAt);
 */
export type EventValidation =
  | { ok: true; event: PulseEvent; json: string; time: number | undefined; sentAt: number | undefined }
  | { ok: false; error: string; messageId?: string };

/** The client times of an event, parsed while validating. */
interface Times {
  timestamp?: number;
  originalTimestamp?: number;
  sentAt?: number;
}

type Obj = Record<string, unknown>;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * True for an ISO-8601 date or date-time string that denotes a real instant
 * (see `parseIsoTimestamp`).
 *
 * @example
 * isIsoTimestamp('2026-11-22T10:00:00.000Z'); // → true
 * isIsoTimestamp('yesterday'); // → false
 */
export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && Number.isFinite(parseIsoTimestamp(value));
}

// The event itself, or a copy without an own `__proto__` key (JSON.parse makes
// one an inert own property; spread copies it as data, never through the
// `__proto__` setter, so no key taken from the wire reaches a prototype).
function withoutProtoKey(raw: Obj): Obj {
  if (!Object.prototype.hasOwnProperty.call(raw, '__proto__')) return raw;
  const out: Obj = { ...raw };
  delete out['__proto__'];
  return out;
}

function checkIdentity(e: Obj, at: string): string | null {
  for (const key of ['userId', 'anonymousId'] as const) {
    const v = getOwn(e, key);
    // "" means "none", like null: RudderStack's SDK sends `userId: ""` until identify.
    if (v !== undefined && v !== null && v !== '' && !isId(v)) return `${at}.${key}: must be a string`;
  }
  if (!isId(getOwn(e, 'userId')) && !isId(getOwn(e, 'anonymousId'))) return `${at}: needs userId or anonymousId`;
  return null;
}

function checkObjects(e: Obj, at: string, times: Times): string | null {
  for (const key of ['properties', 'traits', 'context', 'integrations'] as const) {
    const v = getOwn(e, key);
    if (v !== undefined && v !== null && !isRecord(v)) return `${at}.${key}: must be an object`;
  }
  for (const key of ['timestamp', 'originalTimestamp', 'sentAt'] as const) {
    const v = getOwn(e, key);
    if (v === undefined || v === null) continue;
    const ms = typeof v === 'string' ? parseIsoTimestamp(v) : NaN;
    if (!Number.isFinite(ms)) return `${at}.${key}: must be an ISO-8601 date-time`;
    times[key] = ms;
  }
  return null;
}

function checkType(e: Obj, type: EventType, at: string): string | null {
  if (type === 'track' && !isId(getOwn(e, 'event'))) return `${at}.event: required for type "track"`;
  if ((type === 'page' || type === 'screen') && getOwn(e, 'name') != null && typeof getOwn(e, 'name') !== 'string') {
    return `${at}.name: must be a string`;
  }
  if (type === 'group' && !isId(getOwn(e, 'groupId'))) return `${at}.groupId: required for type "group"`;
  if (type === 'alias') {
    if (!isId(getOwn(e, 'previousId'))) return `${at}.previousId: required for type "alias"`;
    if (!isId(getOwn(e, 'userId'))) return `${at}.userId: required for type "alias"`;
  }
  return null;
}

function firstProblem(e: Obj, at: string, times: Times): string | null {
  const type = getOwn(e, 'type');
  if (!EVENT_TYPES.includes(type as EventType)) {
    return `${at}.type: must be one of ${EVENT_TYPES.join(', ')}`;
  }
  const messageId = getOwn(e, 'messageId');
  if (!isId(messageId)) return `${at}.messageId: required (a unique string, the dedupe key)`;
  if (messageId.length > LIMITS.maxMessageIdLength) {
    return `${at}.messageId: must be at most ${LIMITS.maxMessageIdLength} characters`;
  }
  return checkIdentity(e, at) ?? checkObjects(e, at, times) ?? checkType(e, type as EventType, at);
}

/**
 * Checks one untrusted event against the protocol (DESIGN "Event protocol") and
 * returns either a clean copy or the first problem as `path.field: message`.
 * Rules: a known `type`; a `messageId` of 1–100 characters (required: it is the
 * dedupe key, and inventing one would turn client retries into double counts);
 * `userId` or `anonymousId` (a string; `""` or `null` counts as absent); ISO-8601 `timestamp` / `originalTimestamp` /
 * `sentAt`; `event` for track, `groupId` for group, `previousId` and `userId`
 * for alias; object-valued `properties`, `traits`, `context`, `integrations`;
 * at most `LIMITS.maxEventBytes` of UTF-8 JSON. The times come back parsed, so
 * nothing parses them twice. Unknown fields are kept;
 * a top-level `__proto__` key is dropped (then `event` is a copy; otherwise it
 * is `raw` itself, to spare a copy per event). Never throws, never mutates `raw`.
 *
 * @example
 * validateEvent({ type: 'track', messageId: 'm1', userId: 'u1' }, 'batch[3]');
 * // → { ok: false, messageId: 'm1', error: 'batch[3].event: required for type "track"' }
 */
export function validateEvent(raw: unknown, path: string): EventValidation {
  if (!isRecord(raw)) return { ok: false, error: `${path}: must be an object` };
  const messageId = getOwn(raw, 'messageId');
  const failure = (error: string): EventValidation =>
    isId(messageId) && messageId.length <= LIMITS.maxMessageIdLength
      ? { ok: false, error, messageId }
      : { ok: false, error };
  const times: Times = {};
  const problem = firstProblem(raw, path, times);
  if (problem !== null) return failure(problem);
  const event = withoutProtoKey(raw) as PulseEvent;
  let json: string;
  try {
    json = JSON.stringify(event);
  } catch {
    return failure(`${path}: must be JSON-serialisable`);
  }
  // A UTF-16 unit never takes more than 3 UTF-8 bytes: most events skip the count.
  if (json.length * 3 > LIMITS.maxEventBytes) {
    const bytes = utf8Length(json);
    if (bytes > LIMITS.maxEventBytes) {
      return failure(`${path}: is ${bytes} bytes, over the ${LIMITS.maxEventBytes}-byte limit per event`);
    }
  }
  return { ok: true, event, json, time: times.timestamp ?? times.originalTimestamp, sentAt: times.sentAt };
}
