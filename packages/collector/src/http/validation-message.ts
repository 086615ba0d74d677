import { isRecord } from '@pulse/core';

/**
 * One failure as Ajv reports it through Fastify (`error.validation[i]`).
 *
 * @example
 * const f: ValidationFailure = { instancePath: '/days', keyword: 'minimum', params: { limit: 1 }, message: 'must be >= 1' };
 */
export interface ValidationFailure {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Schema = Record<string, unknown>;

const numberOr = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);

/** The subschema at a JSON pointer into the value (`/dropped/queue-full`), through properties, maps and arrays. */
function schemaAt(schema: unknown, pointer: string[]): Schema | undefined {
  let at = schema;
  for (const segment of pointer) {
    if (!isRecord(at)) return undefined;
    const properties = at.properties;
    const patterns = isRecord(at.patternProperties) ? Object.values(at.patternProperties)[0] : undefined;
    at =
      (isRecord(properties) ? properties[segment] : undefined) ??
      patterns ??
      (isRecord(at.additionalProperties) ? at.additionalProperties : undefined) ??
      (isRecord(at.items) ? at.items : undefined);
  }
  return isRecord(at) ? at : undefined;
}

/** "must be …" from the schema itself, so the message states the whole rule, not only the bound that failed. */
function describe(schema: Schema): string | undefined {
  const options = (Array.isArray(schema.anyOf) ? schema.anyOf : [])
    .map((s: unknown) => (isRecord(s) ? s.const : undefined))
    .concat(Array.isArray(schema.enum) ? schema.enum : []);
  if (options.length > 0 && options.every((o) => typeof o === 'string')) return `must be ${options.join(' or ')}`;
  const min = numberOr(schema.minimum);
  const above = numberOr(schema.exclusiveMinimum);
  const max = numberOr(schema.maximum);
  const below = numberOr(schema.exclusiveMaximum);
  if (schema.type === 'integer') {
    if (min !== undefined && max !== undefined) return `must be a whole number from ${min} to ${max}`;
    return min === undefined ? 'must be a whole number' : `must be a whole number ≥ ${min}`;
  }
  if (schema.type === 'number') {
    const low = above !== undefined ? `above ${above}` : min !== undefined ? `from ${min}` : undefined;
    const high = below !== undefined ? `below ${below}` : max !== undefined ? `at most ${max}` : undefined;
    if (low !== undefined && high !== undefined)
      return `must be a number ${low} ${above !== undefined ? 'and' : 'to'} ${high}`;
    return min !== undefined ? `must be a number ≥ ${min}` : 'must be a number';
  }
  if (schema.type === 'string' && schema.minLength === 1) return 'must not be empty';
  return undefined;
}

/**
 * The 400 message for a request the route's schema refused, naming the
 * parameter: `days: must be a whole number from 1 to 365`,
 * `outcome: required, e.g. retention:60-90 or event:Subscription Renewed`,
 * `body.dropped.x: must be a whole number ≥ 0`. Query and path parameters are
 * named alone; body fields after `body.`.
 *
 * @example
 * validationMessage('querystring', { type: 'object', properties: { mde: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
 *   { instancePath: '/mde', keyword: 'type', params: {} }); // → 'mde: must be a number above 0 and below 1'
 */
export function validationMessage(part: string, schema: unknown, failure: ValidationFailure): string {
  const pointer = failure.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = failure.keyword === 'required' ? String(failure.params.missingProperty) : undefined;
  const path = missing === undefined ? pointer : [...pointer, missing];
  const name = (part === 'body' ? ['body', ...path] : path).join('.') || part;
  const target = schemaAt(schema, path);
  if (missing !== undefined) {
    const examples = Array.isArray(target?.examples) ? `, e.g. ${target.examples.join(' or ')}` : '';
    return `${name}: required${examples}`;
  }
  return `${name}: ${(target && describe(target)) ?? failure.message ?? 'is not valid'}`;
}
