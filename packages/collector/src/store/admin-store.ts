/**
 * One stored config version: the whole config (JSON), who stored it and its
 * diff against the version before (JSON list of `ConfigChange`s).
 *
 * @example
 * const row: ConfigVersionRow = { version: 2, at: 1767225600000, actor: 'Growth laptop', config: '{…}', diff: '[…]', rollbackOf: null };
 */
export interface ConfigVersionRow {
  version: number;
  at: number;
  actor: string;
  config: string;
  diff: string;
  /** The version a rollback restored, else null. */
  rollbackOf: number | null;
}

/**
 * Roles an admin key can have, least to most powerful.
 *
 * @example
 * ROLES.includes('editor'); // → true
 */
export const ROLES = ['analyst', 'editor', 'owner'] as const;

/**
 * An admin key's role.
 *
 * @example
 * const role: Role = 'analyst';
 */
export type Role = (typeof ROLES)[number];

/**
 * A stored admin key: never the key itself, only its SHA-256 hash.
 *
 * @example
 * const k: AdminKeyRow = { id: 'k_1f…', hash: '9c…', role: 'editor', label: 'Growth laptop', createdAt: 1, lastUsedAt: null };
 */
export interface AdminKeyRow {
  id: string;
  hash: string;
  role: Role;
  label: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * What the versions and keys need from storage, besides the transaction's
 * `insertConfigVersion` (written with the config it records).
 *
 * @example
 * const latest = await store.listConfigVersions(20, null);
 */
export interface AdminStore {
  /** Up to `limit` versions below `before` (all when null), newest first. */
  listConfigVersions(before: number | null, limit: number): Promise<ConfigVersionRow[]>;
  getConfigVersion(version: number): Promise<ConfigVersionRow | null>;
  insertAdminKey(row: AdminKeyRow): Promise<void>;
  /** Every key, oldest first. */
  listAdminKeys(): Promise<AdminKeyRow[]>;
  findAdminKey(hash: string): Promise<AdminKeyRow | null>;
  /** True when a key with this id existed. */
  deleteAdminKey(id: string): Promise<boolean>;
  touchAdminKey(id: string, at: number): Promise<void>;
}
