import type { JsonObject } from '@pulse/core';
import { uuidv7 } from './uuid-v7.js';

/** A session ends after 30 minutes without events. */
export const SESSION_IDLE_MS = 30 * 60_000;

/**
 * Who is tracked, persisted first-party in localStorage (shared by the tabs of
 * the origin, no cookies). `consent` is the last decision, if any.
 *
 * @example
 * const id: Identity = loadIdentity('pulse:pk_live', Date.now());
 */
export interface Identity {
  anonymousId: string;
  userId: string | null;
  traits: JsonObject;
  userToken: string | null;
  /** Super properties. */
  props: JsonObject;
  /** The session id is the session's start time in ms. */
  sessionId: number;
  lastActivity: number;
  consent?: boolean;
}

/**
 * What localStorage holds under `key`, or nothing when it is empty, unreadable or unavailable.
 *
 * @example
 * readIdentity('pulse:pk_live').userId;
 */
export function readIdentity(key: string): Partial<Identity> {
  try {
    // `|| {}`: a stored `null` or number is as good as nothing (spreading them adds nothing).
    return (JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<Identity> | null) || {};
  } catch {
    return {};
  }
}

/**
 * The stored identity under `key`, completed with a fresh anonymous id and empty fields.
 *
 * @example
 * const id = loadIdentity('pulse:pk_live', Date.now());
 */
export function loadIdentity(key: string, now: number): Identity {
  return { ...freshIdentity(now), ...readIdentity(key) };
}

/**
 * A new, anonymous identity (what `reset()` starts from).
 *
 * @example
 * freshIdentity(Date.now()).userId; // → null
 */
export function freshIdentity(now: number): Identity {
  return {
    anonymousId: uuidv7(now),
    userId: null,
    traits: {},
    userToken: null,
    props: {},
    sessionId: 0,
    lastActivity: 0,
  };
}

/**
 * Writes the identity; a full or blocked storage only costs persistence.
 *
 * @example
 * saveIdentity('pulse:pk_live', id);
 */
export function saveIdentity(key: string, identity: Partial<Identity>): void {
  try {
    localStorage.setItem(key, JSON.stringify(identity));
  } catch {
    // Safari private mode and full quotas throw: keep going in memory.
  }
}

/**
 * Records activity at `now`, starting a new session after 30 idle minutes. Another
 * tab may have kept the session alive, so the stored copy is consulted first.
 *
 * @example
 * touchSession(id, 'pulse:pk_live', Date.now()); id.sessionId;
 */
export function touchSession(identity: Identity, key: string, now: number): void {
  if (now - identity.lastActivity > SESSION_IDLE_MS) {
    const stored = readIdentity(key);
    const alive = stored.anonymousId === identity.anonymousId && now - (stored.lastActivity ?? 0) <= SESSION_IDLE_MS;
    identity.sessionId = alive ? (stored.sessionId ?? Math.floor(now)) : Math.floor(now);
  }
  identity.lastActivity = now;
}
