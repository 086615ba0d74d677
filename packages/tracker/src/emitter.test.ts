import { expect, it } from 'vitest';
import { createEmitter } from './emitter.js';

it('calls listeners and stops after unsubscribe', () => {
  const emitter = createEmitter<{ ping: [number] }>();
  const seen: number[] = [];
  const off = emitter.on('ping', (n) => seen.push(n));
  emitter._emit('ping', 1);
  off();
  emitter._emit('ping', 2);
  expect(seen).toEqual([1]);
});

it('skips a listener that throws and still calls the others', () => {
  const emitter = createEmitter<{ ping: [] }>();
  let called = false;
  emitter.on('ping', () => {
    throw new Error('host bug');
  });
  emitter.on('ping', () => (called = true));
  expect(() => emitter._emit('ping')).not.toThrow();
  expect(called).toBe(true);
});
