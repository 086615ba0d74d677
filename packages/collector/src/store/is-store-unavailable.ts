// Socket errors of a database that is down, restarting or unreachable.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE: 08 connection exception, 53 insufficient resources (too many
// connections, disk full), 57P01–57P03 shutdown or not yet accepting connections.
const SQLSTATE = /^(08|53|57P0[123])/;
// SQLite: another process holds the lock past the busy timeout, or the disk is full or failing.
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/;
// pg's own errors for a dropped connection carry no code, only these messages.
const PG_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

function codeOf(error: object): unknown {
  return (error as { code?: unknown }).code;
}

/**
 * True when `error` means the database cannot be reached or cannot take writes
 * right now (down, restarting, out of connections, locked, disk full), as
 * opposed to a bug: the request should be retried later, so the collector
 * answers 503 with `Retry-After` instead of 500.
 *
 * @example
 * isStoreUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })); // → true
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = codeOf(error);
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code) || SQLITE_CODES.test(code))) {
    return true;
  }
  // Node reports a refused connection to every address of a host as one AggregateError.
  if (error instanceof AggregateError) return error.errors.some(isStoreUnavailable);
  return error instanceof Error && code === undefined && PG_MESSAGES.test(error.message);
}
