import type Database from 'better-sqlite3';
import type { AdminStore } from './admin-store.js';
import {
  INSERT_KEY_COLUMNS,
  keyFromRow,
  keyParams,
  versionFromRow,
  type KeyDbRow,
  type VersionDbRow,
} from './admin-rows.js';

type Db = Database.Database;

/**
 * The SQLite store's versions and keys: reads on the read connection, writes
 * through `serial` (the group commit) on the write connection.
 *
 * @example
 * const admin = sqliteAdmin(() => readerDb, writerDb, serial);
 */
export function sqliteAdmin(reader: () => Db, writer: Db, serial: <T>(fn: () => Promise<T>) => Promise<T>): AdminStore {
  return {
    async listConfigVersions(before, limit) {
      const rows = reader()
        .prepare('SELECT * FROM config_versions WHERE version < ? ORDER BY version DESC LIMIT ?')
        .all(before ?? Number.MAX_SAFE_INTEGER, limit) as VersionDbRow[];
      return rows.map(versionFromRow);
    },
    async getConfigVersion(version) {
      const row = reader().prepare('SELECT * FROM config_versions WHERE version = ?').get(version);
      return row === undefined ? null : versionFromRow(row as VersionDbRow);
    },
    insertAdminKey: (row) =>
      serial(async () => {
        writer
          .prepare(`INSERT INTO admin_keys (${INSERT_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(...keyParams(row));
      }),
    async listAdminKeys() {
      const rows = reader().prepare('SELECT * FROM admin_keys ORDER BY created_at, id').all() as KeyDbRow[];
      return rows.map(keyFromRow);
    },
    async findAdminKey(hash) {
      const row = reader().prepare('SELECT * FROM admin_keys WHERE hash = ?').get(hash);
      return row === undefined ? null : keyFromRow(row as KeyDbRow);
    },
    deleteAdminKey: (id) =>
      serial(async () => writer.prepare('DELETE FROM admin_keys WHERE id = ?').run(id).changes > 0),
    touchAdminKey: (id, at) =>
      serial(async () => {
        writer.prepare('UPDATE admin_keys SET last_used_at = ? WHERE id = ?').run(at, id);
      }),
  };
}
