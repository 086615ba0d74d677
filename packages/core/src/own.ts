/**
 * Reads and writes own properties only, so that keys taken from events
 * (`__proto__`, `constructor`, …) can never reach or replace a prototype.
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Defines `key` as an own, enumerable data property (never calls a `__proto__` setter). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `value` when it is a non-array object, else `undefined`: wire `properties` may be `null` or anything. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
