import { describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import type { Band } from '@pulse/core';
import { configWith, model } from '../test/fixtures.js';
import { bandText } from './band-text.js';

const withBands = (bands: Band[]) => ({ models: [{ ...model, bands }], nudges: [] });

/** A user in the `high` band, whose label in the fixture's model is "Power user". */
function highUser() {
  const tracker = createFakeTracker(configWith());
  for (let i = 0; i < 8; i++) tracker.track('Project Created');
  return tracker.state();
}

describe('bandText', () => {
  it("uses the English default sentence for a band the config doesn't label", () => {
    expect(bandText(createFakeTracker(configWith()).state(), null)).toBe("You're getting started");
  });

  it("prefers the config's band label to the default sentence", () => {
    expect(bandText(highUser(), null)).toBe('Power user');
    const labelled = withBands(model.bands.map((b) => ({ ...b, label: `Label ${b.id}` })));
    expect(bandText(createFakeTracker(labelled).state(), {})).toBe('Label low');
  });

  it("prefers the page's own strings to the config's label", () => {
    expect(bandText(highUser(), { bands: { high: 'Du bist ein Profi' } })).toBe('Du bist ein Profi');
  });

  it("keeps the config's label when the page overrides other bands only", () => {
    expect(bandText(highUser(), { bands: { low: 'Willkommen' } })).toBe('Power user');
  });

  it('falls back to the generic sentence (the page’s, else the default) for an unknown band', () => {
    const custom = withBands([{ id: 'starter', min: 0 }]);
    const state = createFakeTracker(custom).state();
    expect(bandText(state, null)).toBe('Your level: starter');
    expect(bandText(state, { band: 'Stufe: {band}' })).toBe('Stufe: starter');
  });

  it('is empty before there is a user', () => {
    expect(bandText({ source: 'none', config: null, user: null }, null)).toBe('');
  });
});
