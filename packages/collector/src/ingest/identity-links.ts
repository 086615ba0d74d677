import type { PulseEvent } from '@pulse/core';
import { anonymousKey, userKey } from '../store/user-keys.js';

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Whose event this is before links apply: the user id when there is one, else the anonymous id.
 *
 * @example
 * primaryKey({ type: 'track', event: 'E', messageId: 'm', anonymousId: 'a1' }); // → 'a:a1'
 */
export function primaryKey(event: PulseEvent): string {
  return nonEmpty(event.userId) ? userKey(event.userId) : anonymousKey(event.anonymousId as string);
}

/**
 * The `[alias, canonical]` links an event establishes: any event carrying both
 * ids links the anonymous id to the user (identify does, and so does every call
 * after it); `alias` links `previousId`, taken both as an anonymous id and as a
 * former user id, to `userId`.
 *
 * @example
 * linksOf({ type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: 'm' }); // → [['a:a1', 'u:u1']]
 */
export function linksOf(event: PulseEvent): [string, string][] {
  if (!nonEmpty(event.userId)) return [];
  const target = userKey(event.userId);
  const links: [string, string][] = [];
  if (nonEmpty(event.anonymousId)) links.push([anonymousKey(event.anonymousId), target]);
  if (event.type === 'alias' && nonEmpty(event.previousId)) {
    links.push([anonymousKey(event.previousId), target]);
    if (event.previousId !== event.userId) links.push([userKey(event.previousId), target]);
  }
  return links;
}
