import type { LogRecord } from './event-log.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A record's bytes on the log: a JSON object whose `json` field is the
 * validated event exactly as the collector would have stored it.
 *
 * @example
 * decodeRecord(encodeRecord(record)); // → an equal record
 */
export function encodeRecord(record: LogRecord): Uint8Array {
  return encoder.encode(JSON.stringify(record));
}

/**
 * Reads a record back; throws naming the field when the bytes are not one.
 *
 * @example
 * const record = decodeRecord(msg.data);
 */
export function decodeRecord(bytes: Uint8Array): LogRecord {
  const v = JSON.parse(decoder.decode(bytes)) as Partial<LogRecord>;
  for (const field of ['project', 'messageId', 'key', 'json'] as const) {
    if (typeof v[field] !== 'string') throw new Error(`log record: ${field} must be a string`);
  }
  for (const field of ['at', 'receivedAt'] as const) {
    if (typeof v[field] !== 'number') throw new Error(`log record: ${field} must be a number`);
  }
  return v as LogRecord;
}
