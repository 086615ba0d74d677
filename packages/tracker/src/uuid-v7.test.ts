import { expect, it } from 'vitest';
import { uuidv7 } from './uuid-v7.js';

it('formats an RFC 9562 version 7 UUID', () => {
  expect(uuidv7(Date.now())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

it('increases strictly within one millisecond and when the clock stands still', () => {
  const time = Date.now() + 10_000;
  const ids = Array.from({ length: 5000 }, () => uuidv7(time));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

it('never goes back when asked for an earlier time', () => {
  const later = uuidv7(Date.now() + 20_000);
  expect(uuidv7(Date.now()) > later).toBe(true);
});

it('encodes the millisecond time in the first 48 bits', () => {
  const time = Date.now() + 365 * 86_400_000 + 0.7; // ahead of every earlier id: the generator never goes back
  const id = uuidv7(time);
  expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Math.floor(time));
});
