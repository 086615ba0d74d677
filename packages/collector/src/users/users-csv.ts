import { getOwn } from '@pulse/core';
import type { CollectorContext } from '../collector-context.js';
import type { UserListQuery } from '../store/user-list-sql.js';
import { allPages, userListItem } from './list-users.js';

const HEADER = ['userId', 'score', 'band', 'model', 'lastSeen', 'scoreChange7d'];

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised for spreadsheets. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole filtered users list as CSV, in list order, a chunk per page of
 * 1,000 (so memory stays flat however many users match): the list's columns,
 * then one `trait.<name>` column per trait seen on the first page.
 *
 * @example
 * reply.type('text/csv').send(Readable.from(usersCsv(ctx, query)));
 */
export async function* usersCsv(ctx: CollectorContext, q: UserListQuery): AsyncGenerator<string> {
  let traits: string[] | null = null;
  for await (const rows of allPages(ctx, { ...q, after: null })) {
    if (traits === null) {
      traits = [...new Set(rows.flatMap((r) => Object.keys(r.traits)))].sort();
      yield [...HEADER, ...traits.map((t) => `trait.${t}`)].map(field).join(',') + '\r\n';
    }
    const names = traits;
    yield rows
      .map((r) => {
        const item = userListItem(r);
        const cells = [item.userId, item.score, item.band, item.model, item.lastSeen, item.scoreChange7d];
        return [...cells, ...names.map((t) => getOwn(r.traits, t))].map(field).join(',') + '\r\n';
      })
      .join('');
  }
  if (traits === null) yield HEADER.join(',') + '\r\n';
}
