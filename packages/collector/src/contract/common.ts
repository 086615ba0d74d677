import { Type, type Static, type TNull, type TSchema, type TUnion, type TUnsafe } from 'typebox';

/**
 * `T` or `null`: a number the analysis cannot compute yet, an optional link.
 *
 * @example
 * const Rate = nullable(Type.Number()); // Static<typeof Rate> → number | null
 */
export function nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/**
 * A shape another module owns (core's `UserState`, `PulseConfig`, …), typed as
 * `T` and documented by `schema`, whose unlisted fields pass through: the
 * response serialiser keeps them, so a field core adds reaches clients without
 * a change here.
 *
 * @example
 * const Config = passThrough<PulseConfig>('A whole pulse.config.json', { models: Type.Array(Type.Unknown()) });
 */
export function passThrough<T>(description: string, properties: Record<string, TSchema> = {}): TUnsafe<T> {
  // No `required`: the serialiser throws on a missing required field, and these shapes are not ours to pin.
  return Type.Unsafe<T>({ type: 'object', description, properties, additionalProperties: true });
}

/**
 * A closed interval `[low, high]`.
 *
 * @example
 * const ci: Static<typeof Interval> = [0.004, 0.036];
 */
export const Interval = Type.Tuple([Type.Number(), Type.Number()], { description: '[low, high]' });
export type Interval = Static<typeof Interval>;

/**
 * The body of every error: what was wrong, plus details some errors add
 * (`issues`, `retryAfter`, the ingest counts).
 *
 * @example
 * const e: ErrorBody = { error: 'days: must be a whole number from 1 to 365' };
 */
export const ErrorBody = Type.Object(
  { error: Type.String({ description: 'What was wrong, naming the field or parameter' }) },
  { additionalProperties: true },
);
export type ErrorBody = Static<typeof ErrorBody>;

/**
 * A response for an error status: the error body with what the status means here.
 *
 * @example
 * const responses = { 401: errorResponse('Missing or invalid secret key') };
 */
export function errorResponse(description: string) {
  return Type.With(ErrorBody, { description });
}

/**
 * A response for an error the client should retry after `Retry-After` seconds (429, 503).
 *
 * @example
 * const responses = { 429: retryLater('Rate limit exceeded') };
 */
export function retryLater(description: string) {
  return Type.With(ErrorBody, {
    description,
    headers: { 'Retry-After': Type.Integer({ description: 'Seconds to wait before retrying' }) },
  });
}

/**
 * The responses every route taking the secret key can give besides its own.
 *
 * @example
 * const responses = { 200: Overview, ...SECRET_KEY_ERRORS };
 */
export const SECRET_KEY_ERRORS = {
  401: errorResponse('Missing or invalid key (the secret key or an admin key)'),
  403: errorResponse("The key's role lacks the permission the route needs (`missingPermission` names it)"),
  503: retryLater('Storage unavailable: retry after the Retry-After delay'),
};

/**
 * One way to authenticate, by the security scheme's name (http/openapi.ts defines them).
 *
 * @example
 * const r: SecurityRequirement = { userToken: [] };
 */
export type SecurityRequirement = Record<string, string[]>;

/**
 * The security requirement of a route for the secret key.
 *
 * @example
 * const schema = { security: SECRET_KEY, response: { … } };
 */
export const SECRET_KEY: SecurityRequirement[] = [{ secretKey: [] }];

/**
 * The ways to send the write key: Basic user, Bearer, or `?writeKey=` (a
 * `"writeKey"` field in a JSON body is accepted too; OpenAPI has no scheme for it).
 *
 * @example
 * const schema = { security: WRITE_KEY, response: { … } };
 */
export const WRITE_KEY: SecurityRequirement[] = [{ basicWriteKey: [] }, { bearerWriteKey: [] }, { queryWriteKey: [] }];
