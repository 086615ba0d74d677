import type pg from 'pg';
import type { AdminStore } from './admin-store.js';
import {
  INSERT_KEY_COLUMNS,
  keyFromRow,
  keyParams,
  versionFromRow,
  type KeyDbRow,
  type VersionDbRow,
} from './admin-rows.js';

/**
 * The PostgreSQL store's versions and keys (single statements on the pool).
 *
 * @example
 * const admin = postgresAdmin(pool);
 */
export function postgresAdmin(pool: pg.Pool): AdminStore {
  return {
    async listConfigVersions(before, limit) {
      const r = await pool.query<VersionDbRow>(
        'SELECT * FROM config_versions WHERE version < $1 ORDER BY version DESC LIMIT $2',
        [before ?? 2_147_483_647, limit],
      );
      return r.rows.map(versionFromRow);
    },
    async getConfigVersion(version) {
      const r = await pool.query<VersionDbRow>('SELECT * FROM config_versions WHERE version = $1', [version]);
      return r.rows[0] === undefined ? null : versionFromRow(r.rows[0]);
    },
    async insertAdminKey(row) {
      await pool.query(
        `INSERT INTO admin_keys (${INSERT_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
        keyParams(row),
      );
    },
    async listAdminKeys() {
      return (await pool.query<KeyDbRow>('SELECT * FROM admin_keys ORDER BY created_at, id')).rows.map(keyFromRow);
    },
    async findAdminKey(hash) {
      const r = await pool.query<KeyDbRow>('SELECT * FROM admin_keys WHERE hash = $1', [hash]);
      return r.rows[0] === undefined ? null : keyFromRow(r.rows[0]);
    },
    async deleteAdminKey(id) {
      return ((await pool.query('DELETE FROM admin_keys WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async touchAdminKey(id, at) {
      await pool.query('UPDATE admin_keys SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
  };
}
