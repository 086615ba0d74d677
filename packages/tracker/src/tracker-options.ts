import { DEV } from '@pulse/core/dev-warn';
import type { StatePlugin } from './types.js';

/**
 * Options of `createTracker`. Only `writeKey` is required.
 *
 * @example
 * const options: TrackerOptions = { writeKey: 'pk_live', host: 'https://pulse.example.com', requireConsent: true };
 */
export interface TrackerOptions {
  /** The public write key. */
  writeKey: string;
  /** The collector origin, e.g. `https://pulse.example.com`; default: this page's origin. */
  host?: string;
  /** Store and send nothing until `consent(true)`. Default `false`. */
  requireConsent?: boolean;
  /** Share of users tracked, 0–1, decided per user id (else anonymous id). Default 1. */
  sampleRate?: number;
  /** Flush once this many events are queued. Default 20. */
  flushAt?: number;
  /** Flush once this many bytes are queued. Default 48 KB. */
  flushBytes?: number;
  /** Flush this many ms after the first queued event. Default 3000. */
  flushInterval?: number;
  /** Byte cap of the persisted queue; the oldest events are dropped (and counted) above it. Default 8 MB (about 13,000 events of 600 B). */
  maxQueueBytes?: number;
  /** Failed HTTP attempts (408/429/5xx) before a batch is dropped. Network errors, and answers with `Retry-After` (the collector pacing its clients), retry until the queue cap. Default 10. */
  maxRetries?: number;
  /** Backoff: first delay bound and cap in ms (full jitter). Defaults 1000 and 60000. */
  retryBase?: number;
  retryCap?: number;
  /** `memory` keeps the queue out of IndexedDB (it is lost on reload). Default `indexeddb`. */
  storage?: 'indexeddb' | 'memory';
  /** Enables `state()`: pass `provisionalState`. */
  state?: StatePlugin;
}

/** `TrackerOptions` with the defaults applied (`requireConsent` and `storage` default to off / IndexedDB). */
export type ResolvedOptions = Required<Omit<TrackerOptions, 'state' | 'requireConsent' | 'storage'>> &
  Pick<TrackerOptions, 'state' | 'requireConsent' | 'storage'>;

/**
 * Thrown by `createTracker` for an unusable option; `field` names it.
 *
 * @example
 * try { createTracker({ writeKey: '' }); } catch (e) { if (e instanceof TrackerOptionsError) console.error(e.field); }
 */
export class TrackerOptionsError extends Error {
  // Set in the constructor rather than as class fields: bundlers targeting ES2021 or older
  // turn each field into a `__publicField` call and ship its helper.
  declare readonly field: string;
  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.name = 'TrackerOptionsError';
    this.field = field;
  }
}

/** The numeric options' defaults; each must be a number of at least 0 (`sampleRate` at most 1). */
const NUMERIC = {
  sampleRate: 1,
  flushAt: 20,
  flushBytes: 48 * 1024,
  flushInterval: 3000,
  maxQueueBytes: 8 * 1024 * 1024,
  maxRetries: 10,
  retryBase: 1000,
  retryCap: 60_000,
} as const;

/**
 * Checks the options and fills in defaults; throws `TrackerOptionsError` naming the first bad field.
 *
 * @example
 * resolveOptions({ writeKey: 'pk_live' }).flushAt; // → 20
 */
export function resolveOptions(options: TrackerOptions): ResolvedOptions {
  const o = { host: '', ...NUMERIC } as ResolvedOptions;
  // An option given as `undefined` (`host: import.meta.env.VITE_PULSE_HOST`) takes its default.
  for (const [key, value] of Object.entries(options))
    if (value !== undefined) (o as Record<string, unknown>)[key] = value;
  // The explanation is for developers: production builds throw the field name alone, as `… is invalid`.
  const fail = (field: string, message: string | false) => {
    throw new TrackerOptionsError(field, message || 'is invalid');
  };
  if (typeof o.writeKey !== 'string' || !o.writeKey) fail('writeKey', DEV && 'must be a non-empty string');
  if (typeof o.host !== 'string' || !/^(https?:\/\/[^/]|$)/.test(o.host))
    fail('host', DEV && 'must be an http(s) origin');
  for (const key in NUMERIC) {
    const min = key === 'maxQueueBytes' ? 65536 : 0;
    const max = key === 'sampleRate' ? 1 : Infinity;
    const value = o[key as keyof typeof NUMERIC];
    if (!(value >= min && value <= max))
      fail(key, DEV && `must be a number ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}`);
  }
  o.host = o.host.replace(/\/+$/, '');
  return o;
}
