import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AdminKeyRow, Role } from '../store/admin-store.js';
import type { Store } from '../store/store.js';

/** Every admin key starts with this, so a request's key is looked up only when it can be one. */
export const ADMIN_KEY_PREFIX = 'ak_';

/** A key's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Who a request acts as: the project's secret key (an owner) or an admin key.
 * `label` is what config versions record as their author.
 *
 * @example
 * const p: Principal = { role: 'editor', label: 'Growth laptop', keyId: 'k_…' };
 */
export interface Principal {
  role: Role;
  label: string;
  /** The admin key's id; null for the project's secret key. */
  keyId: string | null;
}

/** The principal of the project's secret key. */
export const SECRET_KEY_PRINCIPAL: Principal = { role: 'owner', label: 'owner secret key', keyId: null };

/**
 * The SHA-256 of a key, hex: what is stored. A key carries 256 random bits, so
 * a fast hash is as safe as a slow one (nothing to guess) and costs no time per
 * request; docs/decisions.md says more.
 *
 * @example
 * hashKey('ak_…'); // → '3b1f…' (64 hex characters)
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Creates an admin key with `role` and `label`, stores its hash and returns
 * the key itself (shown once: it cannot be read back).
 *
 * @example
 * const { key, row } = await createAdminKey(store, 'analyst', 'Board reporting', Date.now());
 */
export async function createAdminKey(
  store: Store,
  role: Role,
  label: string,
  now: number,
): Promise<{ key: string; row: AdminKeyRow }> {
  const key = `${ADMIN_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row: AdminKeyRow = {
    id: `k_${randomUUID()}`,
    hash: hashKey(key),
    role,
    label,
    createdAt: now,
    lastUsedAt: null,
  };
  await store.insertAdminKey(row);
  return { key, row };
}

/**
 * The principal of an admin key, or null for a key not stored (never created,
 * or revoked). Records the key's last use (at most once a minute).
 *
 * @example
 * const principal = await resolveAdminKey(store, bearer, Date.now());
 */
export async function resolveAdminKey(store: Store, key: string, now: number): Promise<Principal | null> {
  const row = await store.findAdminKey(hashKey(key));
  if (row === null) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_EVERY_MS) {
    // Not awaited: the request needs no answer from it, and a failed write only loses a timestamp.
    store.touchAdminKey(row.id, now).catch(() => undefined);
  }
  return { role: row.role, label: row.label, keyId: row.id };
}
