import { expect, it } from 'vitest';
import { utf8Length } from './utf8-length.js';

it.each(['', 'ascii', 'né', '€uro', '日本語', 'emoji 🎉 pair', '\u07ff\u0800'])(
  'matches TextEncoder for %j',
  (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  },
);
