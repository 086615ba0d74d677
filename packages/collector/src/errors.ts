/**
 * Every `ErrorKind`: bad input, input over a limit, a format the collector does
 * not take, missing or wrong credentials, credentials without the right, a
 * missing thing, a conflicting change, too many requests, and a dependency
 * (storage) that cannot serve now.
 *
 * @example
 * ERROR_KINDS.includes('invalid'); // → true
 */
export const ERROR_KINDS = [
  'invalid',
  'too-large',
  'unsupported',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'precondition-failed',
  'rate-limited',
  'unavailable',
] as const;

/**
 * What kind of failure a `PulseError` is. Domain code names the kind; the HTTP
 * layer alone turns it into a status (`http/error-reply.ts`), and the CLI
 * prints the message.
 *
 * @example
 * const kind: ErrorKind = 'not-found';
 */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Extra facts a `PulseError` carries: `details` are merged into the JSON
 * answer (e.g. the per-event `rejected` list, config `issues`);
 * `retryAfterSeconds` tells the client when to try again.
 *
 * @example
 * const o: PulseErrorOptions = { retryAfterSeconds: 5 };
 */
export interface PulseErrorOptions {
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * An error a caller caused or must know about, thrown by every part of the
 * collector. Its message says what was wrong (`body.batch: must be an array of
 * events`), so a client always learns it.
 *
 * @example
 * throw new PulseError('unauthorized', 'invalid write key');
 * // over HTTP → 401 { "error": "invalid write key" }
 */
export class PulseError extends Error {
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: ErrorKind, message: string, options: PulseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PulseError';
    this.kind = kind;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * True for a `PulseError` (of any kind, or of `kind` when given).
 *
 * @example
 * if (isPulseError(error, 'invalid')) report(error.details.rejected);
 */
export function isPulseError(value: unknown, kind?: ErrorKind): value is PulseError {
  return value instanceof PulseError && (kind === undefined || value.kind === kind);
}
