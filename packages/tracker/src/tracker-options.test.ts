import { expect, it } from 'vitest';
import { resolveOptions, TrackerOptionsError } from './tracker-options.js';

it('fills in the defaults', () => {
  expect(resolveOptions({ writeKey: 'k' })).toMatchObject({
    host: '',
    flushAt: 20,
    flushInterval: 3000,
    maxRetries: 10,
  });
});

it('gives an option passed as undefined its default', () => {
  const o = resolveOptions({ writeKey: 'k', host: undefined, flushAt: undefined });
  expect(o.host).toBe('');
  expect(o.flushAt).toBe(20);
});

it('strips trailing slashes from the host', () => {
  expect(resolveOptions({ writeKey: 'k', host: 'https://p.example.com/' }).host).toBe('https://p.example.com');
});

it.each([
  [{ writeKey: '' }, 'writeKey'],
  [{ writeKey: 'k', host: 'ftp://x' }, 'host'],
  [{ writeKey: 'k', sampleRate: 2 }, 'sampleRate'],
  [{ writeKey: 'k', maxQueueBytes: 1000 }, 'maxQueueBytes'],
  [{ writeKey: 'k', flushAt: Number.NaN }, 'flushAt'],
])('throws TrackerOptionsError naming %o', (options, field) => {
  const error = (() => {
    try {
      resolveOptions(options);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(TrackerOptionsError);
  expect(error).toMatchObject({ name: 'TrackerOptionsError', field });
});
