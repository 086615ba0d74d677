import { describe, expect, it } from 'vitest';
import { bandRates, scoreDeciles } from './score-tables.js';

const bands = [
  { id: 'low', min: 0 },
  { id: 'high', min: 70 },
];

describe('bandRates', () => {
  it('counts users and outcomes per band, with the rate relative to the other bands', () => {
    const rows = [
      { score: 10, outcome: false },
      { score: 20, outcome: true },
      { score: 30, outcome: false },
      { score: 40, outcome: false },
      { score: 70, outcome: true },
      { score: 95, outcome: false },
    ];
    expect(bandRates(bands, rows)).toEqual([
      { id: 'low', min: 0, users: 4, outcomes: 1, rate: 0.25, lift: 0.5 },
      { id: 'high', min: 70, users: 2, outcomes: 1, rate: 0.5, lift: 2 },
    ]);
  });

  it('gives null rates to empty bands', () => {
    expect(bandRates(bands, [{ score: 5, outcome: true }])[1]).toMatchObject({ users: 0, rate: null, lift: null });
  });
});

describe('scoreDeciles', () => {
  it('cuts users sorted by score into ten equal groups', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ score: 99 - i, outcome: 99 - i >= 50 }));
    const deciles = scoreDeciles(rows);
    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toEqual({ decile: 1, minScore: 0, maxScore: 9, users: 10, meanScore: 4.5, rate: 0 });
    expect(deciles[9]).toEqual({ decile: 10, minScore: 90, maxScore: 99, users: 10, meanScore: 94.5, rate: 1 });
  });
});
