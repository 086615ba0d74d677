import { describe, expect, it } from 'vitest';
import { changeKind, changePlace, showValue } from './describe-change.js';

describe('changePlace', () => {
  it('names items by their list and id', () => {
    expect(changePlace(['models', 'saas', 'signals', 'invites', 'weight'])).toBe(
      'Model “saas” › signal “invites” › weight',
    );
  });

  it('puts field names in words', () => {
    expect(changePlace(['models', 'saas', 'windowDays'])).toBe('Model “saas” › counting window (days)');
    expect(changePlace(['nudges', 'n', 'frequency', 'cooldownHours'])).toBe(
      'Nudge “n” › frequency › pause between showings (hours)',
    );
    expect(changePlace(['someNewField'])).toBe('Some new field');
  });

  it('says when only the order of a list changed', () => {
    expect(changePlace(['models', '(order)'])).toBe('Order of models');
  });
});

describe('showValue and changeKind', () => {
  it('shows values as a person reads them', () => {
    expect([showValue(3), showValue('low'), showValue(null), showValue({ a: 1 })]).toEqual([
      '3',
      '“low”',
      '(none)',
      '{"a":1}',
    ]);
  });

  it('tells added, removed and changed apart', () => {
    expect([
      changeKind({ path: [], after: 1 }),
      changeKind({ path: [], before: 1 }),
      changeKind({ path: [], before: 1, after: 2 }),
    ]).toEqual(['added', 'removed', 'changed']);
  });
});
