import { describe, expect, it } from 'vitest';
import { DEFAULT_STRINGS, formatString, resolveStrings } from './strings.js';

describe('formatString', () => {
  it('fills placeholders in any order and keeps unknown ones', () => {
    expect(formatString('{total} steps, {done} done, {x}', { done: 2, total: 5 })).toBe('5 steps, 2 done, {x}');
  });
});

describe('resolveStrings', () => {
  it('overrides single strings and single band sentences', () => {
    const s = resolveStrings({ close: 'Schließen', bands: { low: 'Willkommen' } });
    expect([s.close, s.dismiss, s.bands.low, s.bands.high]).toEqual([
      'Schließen',
      DEFAULT_STRINGS.dismiss,
      'Willkommen',
      DEFAULT_STRINGS.bands.high,
    ]);
  });
});
