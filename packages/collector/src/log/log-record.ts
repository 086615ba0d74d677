import type { LogRecord } from './event-log.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A log message's bytes: a JSON array of records, each holding the validated
 * event (`json`) exactly as the collector would have stored it.
 *
 * @example
 * decodeRecords(encodeRecords([record])); // → [an equal record]
 */
export function encodeRecords(records: readonly LogRecord[]): Uint8Array {
  return encoder.encode(JSON.stringify(records));
}

function check(v: Partial<LogRecord>, i: number): LogRecord {
  for (const field of ['project', 'messageId', 'key', 'json'] as const) {
    if (typeof v[field] !== 'string') throw new Error(`log message: [${i}].${field} must be a string`);
  }
  for (const field of ['at', 'receivedAt'] as const) {
    if (typeof v[field] !== 'number') throw new Error(`log message: [${i}].${field} must be a number`);
  }
  return v as LogRecord;
}

/**
 * Reads a message's records back; throws naming the field when the bytes are not records.
 *
 * @example
 * const records = decodeRecords(msg.data);
 */
export function decodeRecords(bytes: Uint8Array): LogRecord[] {
  const v = JSON.parse(decoder.decode(bytes)) as unknown;
  if (!Array.isArray(v)) throw new Error('log message: must be an array of records');
  return v.map((r, i) => check(r as Partial<LogRecord>, i));
}
