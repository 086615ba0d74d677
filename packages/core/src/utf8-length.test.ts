import { expect, it } from 'vitest';
import { utf8Length } from './utf8-length.js';

it.each(['', 'a', 'ascii', 'é', 'né', '€', '€uro', '日本語', '😀', 'a€😀', 'emoji 🎉 pair', '\u07ff\u0800'])(
  'matches TextEncoder for %j',
  (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  },
);

it('matches TextEncoder on JSON, where a lone surrogate is escaped', () => {
  const json = JSON.stringify({ s: 'x\ud800y', t: '\udc00😀' });
  expect(utf8Length(json)).toBe(new TextEncoder().encode(json).length);
});
