import { describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith } from '../test/fixtures.js';
import { bandText } from './band-text.js';
import { DEFAULT_STRINGS } from './strings.js';

describe('bandText', () => {
  it("uses the band's sentence from the strings", () => {
    expect(bandText(createFakeTracker(configWith()).state(), DEFAULT_STRINGS)).toBe("You're getting started");
  });

  it("falls back to the model's band label, then to the generic sentence", () => {
    const tracker = createFakeTracker(configWith());
    for (let i = 0; i < 8; i++) tracker.track('Project Created');
    const noSentences = { ...DEFAULT_STRINGS, bands: {} };
    expect(bandText(tracker.state(), noSentences)).toBe('Power user');
    const medium = createFakeTracker(configWith());
    for (let i = 0; i < 4; i++) medium.track('Project Created');
    expect(bandText(medium.state(), noSentences)).toBe('Your level: medium');
  });

  it('is empty before there is a user', () => {
    expect(bandText({ source: 'none', config: null, user: null }, DEFAULT_STRINGS)).toBe('');
  });
});
