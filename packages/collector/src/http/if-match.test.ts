import { describe, expect, it } from 'vitest';
import { isPulseError } from '../errors.js';
import { ifMatchVersion, versionEtag } from './if-match.js';

describe('ifMatchVersion', () => {
  it('reads the version of a quoted, bare or weak ETag', () => {
    expect([ifMatchVersion('"12"'), ifMatchVersion('7'), ifMatchVersion('W/"3"')]).toEqual([12, 7, 3]);
  });

  it('reads the ETag it writes', () => {
    expect(ifMatchVersion(versionEtag(41))).toBe(41);
  });

  it('answers undefined when absent or *', () => {
    expect([ifMatchVersion(undefined), ifMatchVersion('*')]).toEqual([undefined, undefined]);
  });

  it('refuses anything else, naming the header', () => {
    let error: unknown;
    try {
      ifMatchVersion('"abc"');
    } catch (e) {
      error = e;
    }
    expect(isPulseError(error, 'invalid') && error.message.startsWith('If-Match:')).toBe(true);
  });
});
