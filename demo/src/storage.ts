/**
 * The demo has no backend: accounts and workspaces live in localStorage under
 * one versioned prefix. Reads never throw (private modes and full quotas make
 * localStorage fail), so a broken storage only means a fresh, empty demo.
 */
const PREFIX = 'tasklane:v1:';

/**
 * The parsed JSON under `key`, or `fallback` when absent, unreadable or corrupt.
 *
 * @example
 * const users = readJson<Record<string, Account>>('users', {});
 */
export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/**
 * Stores `value` as JSON under `key`; returns false when storage refused it.
 *
 * @example
 * writeJson('session', { userId: 'usr_1' });
 */
export function writeJson(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes `key`; ignores storage errors.
 *
 * @example
 * removeKey('session');
 */
export function removeKey(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to clean up when storage is unavailable.
  }
}

/**
 * A short random id with a readable prefix, e.g. `prj_k3v9x2m1`.
 *
 * @example
 * newId('card'); // → 'card_5f2c1a9d'
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${prefix}_${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}
