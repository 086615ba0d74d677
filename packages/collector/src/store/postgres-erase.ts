import type pg from 'pg';
import type { ErasedCounts } from './store.js';

/**
 * The PostgreSQL side of `Store.eraseUser`, run inside the caller's transaction:
 * locks the user row, then deletes everything stored about the user and the
 * anonymous ids linked to them.
 *
 * @example
 * const counts = await eraseUserRows(client, 'default', 'u:42');
 */
export async function eraseUserRows(c: pg.PoolClient, project: string, key: string): Promise<ErasedCounts> {
  // Locks the user row first, so an ingest for this user waits for the erasure (or goes first).
  await c.query('SELECT 1 FROM users WHERE project = $1 AND user_key = $2 FOR UPDATE', [project, key]);
  const aliases = await c.query<{ alias_key: string }>(
    'SELECT alias_key FROM links WHERE project = $1 AND user_key = $2',
    [project, key],
  );
  const keys = [key, ...aliases.rows.map((r) => r.alias_key)];
  const del = async (table: string): Promise<number> =>
    (await c.query(`DELETE FROM ${table} WHERE project = $1 AND user_key = ANY($2::text[])`, [project, keys]))
      .rowCount ?? 0;
  await del('user_scores');
  await del('segment_members');
  const n: ErasedCounts = {
    events: await del('events'),
    identities: await del('users'),
    scoreHistory: await del('score_days'),
    lifecycle: await del('lifecycle_history'),
    memberships: await del('memberships'),
    links:
      (
        await c.query('DELETE FROM links WHERE project = $1 AND (user_key = $2 OR alias_key = ANY($3::text[]))', [
          project,
          key,
          keys,
        ])
      ).rowCount ?? 0,
    webhooks:
      (
        await c.query(
          'DELETE FROM webhook_outbox WHERE (project = $1 OR project IS NULL) AND user_key = ANY($2::text[])',
          [project, keys],
        )
      ).rowCount ?? 0,
  };
  if (key.startsWith('u:')) {
    // Rows enqueued before outbox rows named their user: matched by the payload.
    const legacy = await c.query(
      "DELETE FROM webhook_outbox WHERE user_key IS NULL AND (payload::json ->> 'userId') = $1",
      [key.slice(2)],
    );
    n.webhooks += legacy.rowCount ?? 0;
  }
  return n;
}
