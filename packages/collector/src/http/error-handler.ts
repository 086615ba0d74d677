import { LIMITS } from '@pulse/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isPulseError, PulseError, type ErrorKind } from '../errors.js';
import { isStoreUnavailable } from '../store/is-store-unavailable.js';
import { validationMessage } from './validation-message.js';

/**
 * The HTTP status of each kind of `PulseError`: the one place a domain error
 * becomes a status.
 *
 * @example
 * STATUS_OF['rate-limited']; // → 429
 */
export const STATUS_OF: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'too-large': 413,
  unsupported: 415,
  'rate-limited': 429,
  unavailable: 503,
};

const FASTIFY_ERRORS: Record<string, PulseError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: new PulseError(
    'too-large',
    `body: over the ${LIMITS.maxRequestBytes}-byte limit per request (counted after gzip decoding)`,
  ),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new PulseError('unsupported', 'content-type: not supported (send JSON)'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: new PulseError('invalid', 'content-length: does not match the body'),
  FST_ERR_CTP_EMPTY_JSON_BODY: new PulseError('invalid', 'body: is empty (send a JSON object)'),
};

/** Seconds a client waits after a 503 for unavailable storage (a restart or failover usually takes a few). */
const STORE_RETRY_AFTER_SECONDS = 5;

const STORE_UNAVAILABLE = new PulseError(
  'unavailable',
  'storage unavailable: the request was not stored; retry after the Retry-After delay',
  { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
);

/**
 * The `PulseError` an error thrown while serving a request stands for, or null
 * for an unexpected failure: storage that cannot serve now becomes
 * `unavailable` (nothing was committed, so a client that waits and resends
 * loses nothing), and Fastify's own body errors get a message that says what
 * was wrong.
 *
 * @example
 * asPulseError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY' })).kind; // → 'invalid'
 */
export function asPulseError(error: unknown): PulseError | null {
  if (isPulseError(error)) return error;
  if (isStoreUnavailable(error)) return STORE_UNAVAILABLE;
  const code = typeof error === 'object' && error !== null ? (error as Partial<FastifyError>).code : undefined;
  return (code === undefined ? undefined : FASTIFY_ERRORS[code]) ?? null;
}

/**
 * Installs the one error handler: a `PulseError` (or what `asPulseError` makes
 * of an error) is answered with the status of its kind, `Retry-After` when it
 * has one, and `{ error, ...details, retryAfter? }`; a request the route's
 * schema refused is a 400 naming the parameter (`validationMessage`); another client error
 * (4xx from Fastify) keeps its status and message; anything else is logged and
 * answered 500. Unknown routes are a 404 naming the method and path.
 *
 * @example
 * installErrorHandler(app);
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const known = asPulseError(error);
    if (known !== null) {
      if (known === STORE_UNAVAILABLE) req.log.warn({ err: error }, 'storage unavailable');
      const retryAfter = known.retryAfterSeconds;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      return reply
        .code(STATUS_OF[known.kind])
        .send({ error: known.message, ...known.details, ...(retryAfter === undefined ? {} : { retryAfter }) });
    }
    const failure = error.validation?.[0];
    if (failure !== undefined) {
      const part = error.validationContext ?? 'body';
      const schema = (req.routeOptions.schema as Record<string, unknown> | undefined)?.[part];
      return reply.code(400).send({ error: validationMessage(part, schema, failure) });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error: the request was not stored; retry later' });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` }),
  );
}
