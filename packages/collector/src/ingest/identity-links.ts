import type { PulseEvent } from '@pulse/core';

/**
 * Identities are stored under prefixed keys so that a user id and an anonymous
 * id that happen to be equal never meet: `u:<userId>` and `a:<anonymousId>`.
 *
 * @example
 * userKey('42'); // → 'u:42'
 */
export function userKey(userId: string): string {
  return `u:${userId}`;
}

/**
 * The key of an anonymous identity.
 *
 * @example
 * anonymousKey('f0e1…'); // → 'a:f0e1…'
 */
export function anonymousKey(anonymousId: string): string {
  return `a:${anonymousId}`;
}

/**
 * The user id of a `u:` key, or null for an anonymous key.
 *
 * @example
 * userIdOfKey('u:42'); // → '42'
 */
export function userIdOfKey(key: string): string | null {
  return key.startsWith('u:') ? key.slice(2) : null;
}

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
