import { PulseError } from '../errors.js';

/**
 * Where a page of a sorted list ends: its sort and order, and the last row's
 * sort value and key (the next page starts strictly after it).
 *
 * @example
 * const c: ListCursor = { sort: 'score', order: 'desc', value: 41, key: 'u:42' };
 */
export interface ListCursor {
  sort: string;
  order: 'asc' | 'desc';
  value: number;
  key: string;
}

/**
 * An opaque, URL-safe cursor.
 *
 * @example
 * encodeCursor({ sort: 'score', order: 'desc', value: 41, key: 'u:42' }); // → 'WyJzY29yZSIs…'
 */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.key])).toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor` for the same sort and order; a cursor
 * that is malformed or from another sort is a 400 naming `cursor`.
 *
 * @example
 * decodeCursor(req.query.cursor, 'score', 'desc');
 */
export function decodeCursor(text: string, sort: string, order: 'asc' | 'desc'): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || typeof parsed[2] !== 'number' || typeof parsed[3] !== 'string') {
    throw new PulseError('invalid', 'cursor: is not a cursor this list gave');
  }
  if (parsed[0] !== sort || parsed[1] !== order) {
    throw new PulseError('invalid', `cursor: was given for sort=${String(parsed[0])}&order=${String(parsed[1])}`);
  }
  return { sort, order, value: parsed[2], key: parsed[3] };
}
