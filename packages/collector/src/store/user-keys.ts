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
