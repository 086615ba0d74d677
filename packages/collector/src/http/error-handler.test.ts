import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, PulseError, type ErrorKind } from '../errors.js';
import { installErrorHandler, STATUS_OF } from './error-handler.js';

async function answer(error: unknown) {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/x', async () => {
    throw error;
  });
  const res = await app.inject({ url: '/x' });
  await app.close();
  return res;
}

describe('installErrorHandler', () => {
  it('answers each kind of PulseError with its status and message', async () => {
    const expected: Record<ErrorKind, number> = {
      invalid: 400,
      unauthorized: 401,
      forbidden: 403,
      'not-found': 404,
      conflict: 409,
      'precondition-failed': 412,
      'too-large': 413,
      unsupported: 415,
      'rate-limited': 429,
      unavailable: 503,
    };
    for (const kind of ERROR_KINDS) {
      const res = await answer(new PulseError(kind, `${kind}: what was wrong`));
      expect([res.statusCode, res.json()]).toEqual([expected[kind], { error: `${kind}: what was wrong` }]);
      expect(STATUS_OF[kind]).toBe(expected[kind]);
    }
  });

  it('merges details into the body and sends Retry-After when the error has one', async () => {
    const res = await answer(
      new PulseError('rate-limited', 'slow down', { details: { limit: 'write key' }, retryAfterSeconds: 3 }),
    );
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.json()).toEqual({ error: 'slow down', limit: 'write key', retryAfter: 3 });
  });

  it('answers storage that cannot serve as 503 with Retry-After, and anything unexpected as 500', async () => {
    const down = await answer(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    expect([down.statusCode, down.headers['retry-after'], down.json().retryAfter]).toEqual([503, '5', 5]);
    const bug = await answer(new TypeError('x is undefined'));
    expect([bug.statusCode, bug.json().error]).toEqual([
      500,
      'internal error: the request was not stored; retry later',
    ]);
  });
});
