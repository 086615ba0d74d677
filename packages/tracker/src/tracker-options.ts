import { DEV } from './dev.js';
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
  /** Byte cap of the persisted queue; the oldest events are dropped (and counted) above it. Default 2 MB. */
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
  override name = 'TrackerOptionsError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field} ${message}`);
  }
}

const DEFAULTS = {
  host: '',
  sampleRate: 1,
  flushAt: 20,
  flushBytes: 48 * 1024,
  flushInterval: 3000,
  maxQueueBytes: 2 * 1024 * 1024,
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
  const o = { ...DEFAULTS, ...options } as ResolvedOptions;
  // The explanation is for developers: production builds throw the field name alone, as `… is invalid`.
  const check = (field: keyof TrackerOptions, ok: boolean, message?: string) => {
    if (!ok) throw new TrackerOptionsError(field, message ?? 'is invalid');
  };
  check(
    'writeKey',
    typeof o.writeKey === 'string' && o.writeKey !== '',
    DEV ? 'must be a non-empty string' : undefined,
  );
  check(
    'host',
    typeof o.host === 'string' && /^(https?:\/\/[^/]|$)/.test(o.host),
    DEV ? 'must be an http(s) origin' : undefined,
  );
  check('sampleRate', o.sampleRate >= 0 && o.sampleRate <= 1, DEV ? 'must be between 0 and 1' : undefined);
  check('maxQueueBytes', o.maxQueueBytes >= 65536, DEV ? 'must be at least 65536' : undefined);
  for (const key of ['flushAt', 'flushBytes', 'flushInterval', 'maxRetries', 'retryBase', 'retryCap'] as const) {
    check(key, o[key] >= 0, DEV ? 'must be a number ≥ 0' : undefined);
  }
  o.host = o.host.replace(/\/+$/, '');
  return o;
}
