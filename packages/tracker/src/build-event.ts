import type { JsonObject, PulseEvent } from '@pulse/core';
import type { Identity } from './identity.js';
import { uuidv7 } from './uuid-v7.js';
import { LIBRARY } from './version.js';

/**
 * Segment's page properties, read now (single-page apps change them without a load).
 *
 * @example
 * pageProperties().path; // → '/projects'
 */
export function pageProperties(): JsonObject {
  return {
    path: location.pathname,
    referrer: document.referrer,
    search: location.search,
    title: document.title,
    url: location.href,
  };
}

/**
 * The parts of `context` that do not change during a page's life; read once,
 * because `Intl.DateTimeFormat()` is too slow for every `track`.
 *
 * @example
 * const base = staticContext(); base.library.name; // → '@pulse/tracker'
 */
export function staticContext(): JsonObject {
  const { timeZone: timezone } = Intl.DateTimeFormat().resolvedOptions();
  const { width, height } = screen;
  return {
    library: LIBRARY,
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone,
    screen: { width, height },
  };
}

/**
 * What a tracker method contributes to an event; `buildEvent` adds the rest.
 *
 * @example
 * const fields: EventFields = { type: 'track', event: 'Project Created', properties: { template: 'kanban' } };
 */
export type EventFields = Pick<PulseEvent, 'type'> &
  Partial<Pick<PulseEvent, 'event' | 'name' | 'properties' | 'traits' | 'groupId' | 'previousId' | 'userId'>>;

/**
 * A complete event: the caller's fields plus `messageId` (UUIDv7, kept across
 * retries), `timestamp` (from the monotonic clock `now`), the user's ids (and identity
 * token, when `identify` was given one) and `context`, with `page` as read when the
 * event was tracked.
 *
 * @example
 * buildEvent({ type: 'track', event: 'Project Created' }, identity, staticContext(), monotonicNow(), pageProperties());
 */
export function buildEvent(
  fields: EventFields,
  identity: Identity,
  base: JsonObject,
  now: number,
  page: JsonObject,
): PulseEvent {
  const event: PulseEvent = {
    messageId: uuidv7(now),
    timestamp: new Date(now).toISOString(),
    anonymousId: identity.anonymousId,
    ...fields,
    context: { ...base, page, sessionId: identity.sessionId },
  };
  if (identity.userId !== null) {
    event.userId ??= identity.userId;
    // Proves the user id to a collector that requires verified identities (never stored there).
    if (identity.userToken) event.userToken = identity.userToken;
  }
  return event;
}
