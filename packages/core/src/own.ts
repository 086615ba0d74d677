/**
 * `record[key]` when it is an own property, else `undefined`. Reads and writes
 * of records whose keys come from events or configs go through these helpers,
 * so that a key such as `__proto__` or `constructor` can never reach or replace
 * a prototype.
 *
 * @example
 * getOwn(traits, 'plan'); // → 'trial', or undefined for 'constructor'
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Defines `key` as an own, enumerable data property (never calls a `__proto__` setter)
 * and returns the value, so `getOwn(r, k) ?? setOwn(r, k, initial)` reads or creates.
 *
 * @example
 * setOwn(rollups, modelId, createRollup(modelId));
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): T {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/**
 * True for a non-null, non-array object: what a JSON object parses to.
 *
 * @example
 * isRecord({}); // → true
 * isRecord([]); // → false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` when it is a non-array object, else `undefined`: wire `properties` may be `null` or anything.
 *
 * @example
 * asRecord(event.properties)?.plan;
 */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
