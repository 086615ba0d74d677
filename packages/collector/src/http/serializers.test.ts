import { describe, expect, it } from 'vitest';
import { Overview } from '../contract/admin.js';
import { ErrorBody } from '../contract/common.js';
import { UserStateResponse } from '../contract/state.js';
import { serializerFor } from './serializers.js';

const overview = {
  users: 2,
  averageScore: null,
  histogram: [{ from: 0, to: 9, count: 2 }],
  bands: [
    { id: 'low', min: 0, count: 2 },
    { id: 'high', label: 'High', min: 70, count: 0 },
  ],
  asOf: '2026-11-22T12:00:00.000Z',
};

describe('serializerFor', () => {
  it('writes the same JSON as JSON.stringify for a closed shape', () => {
    // Optional fields come after the required ones: the same object, another key order.
    expect(JSON.parse(serializerFor(Overview)(overview))).toEqual(overview);
    const plain = { ...overview, bands: [{ id: 'low', min: 0, count: 2 }] };
    expect(serializerFor(Overview)(plain)).toBe(JSON.stringify(plain));
  });

  it('compiles each schema once, for every route and app that answers with it', () => {
    expect(serializerFor(Overview)).toBe(serializerFor(Overview));
  });

  it('keeps the fields of a shape core owns that the schema does not list', () => {
    const state = { score: 48, band: 'medium', scores: { engagement: { score: 48 } }, trend: { score7dAgo: null } };
    expect(JSON.parse(serializerFor(UserStateResponse)(state))).toEqual(state);
  });

  it('keeps the details of an error body', () => {
    const body = { error: 'invalid config', issues: [{ path: 'models', message: 'required' }] };
    expect(JSON.parse(serializerFor(ErrorBody)(body))).toEqual(body);
  });
});
