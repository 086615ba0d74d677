import type { Role } from '../store/admin-store.js';

/**
 * What an admin route can require: reading (every role), changing the config
 * (models, nudges, segments; rollbacks), erasing a user, managing keys.
 *
 * @example
 * PERMISSIONS.includes('config:write'); // → true
 */
export const PERMISSIONS = ['read', 'config:write', 'users:erase', 'keys:manage'] as const;

/**
 * One permission.
 *
 * @example
 * const p: Permission = 'read';
 */
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Each role's permissions: an analyst reads, an editor also changes the
 * config, an owner may do everything.
 *
 * @example
 * ROLE_PERMISSIONS.editor; // → ['read', 'config:write']
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  analyst: ['read'],
  editor: ['read', 'config:write'],
  owner: PERMISSIONS,
};

/**
 * True when `role` has `permission`.
 *
 * @example
 * can('analyst', 'config:write'); // → false
 */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
