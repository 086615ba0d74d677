/**
 * Own-property access for records whose keys come from events or configs, so a
 * key like `__proto__` can never reach or replace a prototype.
 *
 * @example
 * setOwn(rollups, modelId, createRollup(modelId));
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `record[key]` when it is an own property, else `undefined`.
 *
 * @example
 * getOwn(traits, 'plan');
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * True for a non-null, non-array object.
 *
 * @example
 * isRecord({}); // → true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
