/**
 * An error a client caused or must know about, with the HTTP status to answer
 * and optional fields merged into the JSON body. Routes throw it; the error
 * handler of `createCollector` is the one place that turns errors into replies.
 *
 * @example
 * throw new HttpError(401, 'invalid write key');
 * // → 401 { "error": "invalid write key" }
 */
export class HttpError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/**
 * True for an `HttpError`.
 *
 * @example
 * if (isHttpError(err)) reply.code(err.status);
 */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}
