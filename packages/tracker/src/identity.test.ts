import { expect, it } from 'vitest';
import { freshWriteKey } from '../test/mock-collector.js';
import { freshIdentity, loadIdentity, saveIdentity, SESSION_IDLE_MS, touchSession } from './identity.js';

it('keeps one session while events come within 30 minutes', () => {
  const key = freshWriteKey();
  const id = freshIdentity(0);
  touchSession(id, key, 1_000_000);
  const first = id.sessionId;
  touchSession(id, key, 1_000_000 + SESSION_IDLE_MS);
  expect(id.sessionId).toBe(first);
});

it('starts a new session after 30 idle minutes', () => {
  const key = freshWriteKey();
  const id = freshIdentity(0);
  touchSession(id, key, 1_000_000);
  touchSession(id, key, 1_000_001 + SESSION_IDLE_MS);
  expect(id.sessionId).toBe(1_000_001 + SESSION_IDLE_MS);
});

it('keeps the session another tab kept alive', () => {
  const key = freshWriteKey();
  const tabA = freshIdentity(0);
  touchSession(tabA, key, 1_000_000);
  const tabB = { ...tabA };
  touchSession(tabB, key, 1_000_000 + SESSION_IDLE_MS);
  saveIdentity(key, tabB);
  touchSession(tabA, key, 1_000_000 + SESSION_IDLE_MS + 60_000);
  expect(tabA.sessionId).toBe(tabB.sessionId);
});

it('loads what was saved and fills the rest', () => {
  const key = freshWriteKey();
  saveIdentity(key, { ...freshIdentity(0), userId: 'u1' });
  const loaded = loadIdentity(key, 0);
  expect(loaded.userId).toBe('u1');
  expect(loaded.traits).toEqual({});
});

it('starts fresh from unreadable storage', () => {
  const key = freshWriteKey();
  localStorage.setItem(key, '{not json');
  expect(loadIdentity(key, 0).userId).toBeNull();
});
