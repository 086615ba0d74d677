import type { PulseEvent } from '@pulse/core';
import { afterEach, expect, it, vi } from 'vitest';
import { prepareEvent } from './prepare-event.js';

afterEach(() => vi.restoreAllMocks());

const event = (properties: Record<string, unknown> = {}): PulseEvent => ({
  type: 'track',
  event: 'A',
  messageId: 'm1',
  properties,
});

it('serialises the event once, with its UTF-8 size', () => {
  const prepared = prepareEvent(event({ name: 'né' }), []);
  expect(prepared).toMatchObject({ _record: { id: 'm1', json: JSON.stringify(event({ name: 'né' })) } });
  expect(prepared && 'event' in prepared && prepared._record.size).toBe(
    new TextEncoder().encode(prepared && 'event' in prepared ? prepared._record.json : '').length,
  );
});

it('returns null when a middleware drops the event', () => {
  expect(prepareEvent(event(), [() => null])).toBeNull();
});

it('refuses an event over 32 KB with a reason and a dev warning', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(prepareEvent(event({ blob: 'x'.repeat(32 * 1024) }), [])).toEqual({
    invalid: expect.stringContaining('32 KB'),
  });
  expect(warn).toHaveBeenCalled();
});

it('refuses an event JSON cannot represent', () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(prepareEvent(event({ big: 1n }), [])).toEqual({ invalid: expect.stringContaining('BigInt') });
});

it('refuses an event a middleware left without a messageId', () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(prepareEvent(event(), [(e) => ({ ...e, messageId: undefined as unknown as string })])).toMatchObject({
    invalid: expect.any(String),
  });
});
