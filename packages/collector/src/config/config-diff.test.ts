import { describe, expect, it } from 'vitest';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { configDiff } from './config-diff.js';

const model = (signals: unknown[], extra = {}) => ({ models: [{ id: 'saas', windowDays: 30, signals, ...extra }] });
const signal = (id: string, weight: number) => ({ id, event: id, weight });

describe('configDiff', () => {
  it('finds nothing between equal configs', () => {
    expect(configDiff(SAAS_CONFIG, structuredClone(SAAS_CONFIG))).toEqual([]);
  });

  it('names a changed weight by model and signal id', () => {
    const diff = configDiff(model([signal('a', 1), signal('b', 2)]), model([signal('a', 1), signal('b', 3)]));
    expect(diff).toEqual([{ path: ['models', 'saas', 'signals', 'b', 'weight'], before: 2, after: 3 }]);
  });

  it('reports a removed item as one change, not a shift of the items after it', () => {
    const diff = configDiff(
      model([signal('a', 1), signal('b', 2), signal('c', 3)]),
      model([signal('b', 2), signal('c', 3)]),
    );
    expect(diff).toEqual([{ path: ['models', 'saas', 'signals', 'a'], before: signal('a', 1) }]);
  });

  it('reports added items and fields with no before', () => {
    const diff = configDiff(model([signal('a', 1)]), model([signal('a', 1), signal('b', 2)], { halfLifeDays: 7 }));
    expect(diff).toEqual([
      { path: ['models', 'saas', 'signals', 'b'], after: signal('b', 2) },
      { path: ['models', 'saas', 'halfLifeDays'], after: 7 },
    ]);
  });

  it('reports a removed field with no after', () => {
    expect(configDiff({ a: 1, b: 2 }, { a: 1 })).toEqual([{ path: ['b'], before: 2 }]);
  });

  it('reports a reordering of items with ids (the first matching model applies)', () => {
    const diff = configDiff({ models: [{ id: 'x' }, { id: 'y' }] }, { models: [{ id: 'y' }, { id: 'x' }] });
    expect(diff).toEqual([{ path: ['models', '(order)'], before: ['x', 'y'], after: ['y', 'x'] }]);
  });

  it('replaces arrays without ids whole', () => {
    expect(configDiff({ allowedOrigins: ['a'] }, { allowedOrigins: ['a', 'b'] })).toEqual([
      { path: ['allowedOrigins'], before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('replaces a value whose type changed whole', () => {
    expect(configDiff({ halfLifeDays: null }, { halfLifeDays: 7 })).toEqual([
      { path: ['halfLifeDays'], before: null, after: 7 },
    ]);
  });

  it('treats arrays with duplicate ids by position', () => {
    const diff = configDiff(
      {
        v: [
          { id: 'a', w: 1 },
          { id: 'a', w: 2 },
        ],
      },
      { v: [{ id: 'a', w: 1 }] },
    );
    expect(diff).toEqual([
      {
        path: ['v'],
        before: [
          { id: 'a', w: 1 },
          { id: 'a', w: 2 },
        ],
        after: [{ id: 'a', w: 1 }],
      },
    ]);
  });
});
