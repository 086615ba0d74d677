/**
 * Reads and writes own properties only, so that keys taken from events
 * (`__proto__`, `constructor`, …) can never reach or replace a prototype.
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Defines `key` as an own, enumerable data property (never calls a `__proto__` setter)
 * and returns the value, so `getOwn(r, k) ?? setOwn(r, k, initial)` reads or creates.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): T {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/** `value` when it is a non-array object, else `undefined`: wire `properties` may be `null` or anything. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
