import type { AdminKeyRow, ConfigVersionRow, Role } from './admin-store.js';

/**
 * A `config_versions` row as both drivers return it (PostgreSQL's BIGINT as a string).
 *
 * @example
 * versionFromRow(db.prepare('SELECT * FROM config_versions WHERE version = 1').get());
 */
export interface VersionDbRow {
  version: number;
  at: number | string;
  actor: string;
  config: string;
  diff: string;
  rollback_of: number | null;
}

/**
 * An `admin_keys` row as both drivers return it.
 *
 * @example
 * keyFromRow(db.prepare('SELECT * FROM admin_keys WHERE hash = ?').get(hash));
 */
export interface KeyDbRow {
  id: string;
  hash: string;
  role: string;
  label: string;
  created_at: number | string;
  last_used_at: number | string | null;
}

/**
 * A version row of either driver as a `ConfigVersionRow`.
 *
 * @example
 * versionFromRow({ version: 1, at: '5', actor: 'a', config: '{}', diff: '[]', rollback_of: null }).at; // → 5
 */
export function versionFromRow(r: VersionDbRow): ConfigVersionRow {
  return {
    version: Number(r.version),
    at: Number(r.at),
    actor: r.actor,
    config: r.config,
    diff: r.diff,
    rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of),
  };
}

/**
 * A key row of either driver as an `AdminKeyRow`.
 *
 * @example
 * keyFromRow(row).role; // → 'editor'
 */
export function keyFromRow(r: KeyDbRow): AdminKeyRow {
  return {
    id: r.id,
    hash: r.hash,
    role: r.role as Role,
    label: r.label,
    createdAt: Number(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  };
}

/**
 * The parameters inserting `row` takes, in the column order of `INSERT_VERSION_COLUMNS`.
 *
 * @example
 * db.prepare(`INSERT INTO config_versions (${INSERT_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(...versionParams(row));
 */
export function versionParams(row: ConfigVersionRow): unknown[] {
  return [row.version, row.at, row.actor, row.config, row.diff, row.rollbackOf];
}

/** The columns `versionParams` fills, in order. */
export const INSERT_VERSION_COLUMNS = 'version, at, actor, config, diff, rollback_of';

/**
 * The parameters inserting `row` takes, in the column order of `INSERT_KEY_COLUMNS`.
 *
 * @example
 * db.prepare(`INSERT INTO admin_keys (${INSERT_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(...keyParams(row));
 */
export function keyParams(row: AdminKeyRow): unknown[] {
  return [row.id, row.hash, row.role, row.label, row.createdAt, row.lastUsedAt];
}

/** The columns `keyParams` fills, in order. */
export const INSERT_KEY_COLUMNS = 'id, hash, role, label, created_at, last_used_at';
