import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/**
 * The store for a `--db` value: a `postgres://` or `postgresql://` URL opens
 * PostgreSQL, anything else is a SQLite file path (created with its folder).
 *
 * @example
 * const store = openStore(process.env.PULSE_DB ?? './data/pulse.db');
 */
export function openStore(db: string, options: { schema?: string } = {}): Store {
  if (/^postgres(ql)?:\/\//i.test(db)) return createPostgresStore({ url: db, ...options });
  return createSqliteStore(db);
}
