import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/**
 * Where a collector keeps its data when no database is named (`--db`,
 * `PULSE_DB`): a SQLite file under the working directory.
 *
 * @example
 * openStore(process.env.PULSE_DB ?? DEFAULT_DB);
 */
export const DEFAULT_DB = './data/pulse.db';

/**
 * The store for a `--db` value: a `postgres://` or `postgresql://` URL opens
 * PostgreSQL, anything else is a SQLite file path (created with its folder).
 *
 * @example
 * const store = openStore(process.env.PULSE_DB ?? DEFAULT_DB);
 */
export function openStore(db: string, options: { schema?: string } = {}): Store {
  if (/^postgres(ql)?:\/\//i.test(db)) return createPostgresStore({ url: db, ...options });
  return createSqliteStore(db);
}
