import { describe, expect, it } from 'vitest';
import { basic, startCollector, tempDbPath } from '../../test/support.js';
import { createSqliteStore } from './sqlite-store.js';
import { isStoreUnavailable } from './is-store-unavailable.js';
import type { Store } from './store.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('recognises a refused or dropped connection', () => {
    expect(isStoreUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isStoreUnavailable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]))).toBe(
      true,
    );
  });

  it('recognises PostgreSQL shutdown, start-up and resource SQLSTATEs, and a busy or full SQLite', () => {
    for (const code of ['57P01', '57P03', '08006', '53300', 'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE']) {
      expect(isStoreUnavailable(withCode('x', code)), code).toBe(true);
    }
  });

  it('leaves bugs and bad data alone', () => {
    for (const code of ['23505', '42P01', '22P02', 'SQLITE_CONSTRAINT', 'ERR_INVALID_ARG_TYPE']) {
      expect(isStoreUnavailable(withCode('Connection terminated', code)), code).toBe(false);
    }
    expect(isStoreUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });
});

describe('a store that becomes unavailable', () => {
  it('makes ingestion answer 503 with Retry-After, and 200 again once it is back', async () => {
    const { path, cleanup } = tempDbPath();
    const real = createSqliteStore(path);
    let down = false;
    const store: Store = {
      ...real,
      transaction: (fn) =>
        down ? Promise.reject(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')) : real.transaction(fn),
    };
    const c = await startCollector({
      name: 'sqlite',
      open: () => store,
      openSibling: () => store,
      cleanup: async () => undefined,
    });
    const post = (messageId: string) =>
      c.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: basic(c.writeKey), 'content-type': 'application/json' },
        payload: JSON.stringify({ batch: [{ type: 'track', event: 'E', userId: 'u1', messageId }] }),
      });
    down = true;
    const refused = await post('m-1');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ error: expect.stringMatching(/^storage unavailable/), retryAfter: 5 });
    down = false;
    const accepted = await post('m-1');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    await c.close();
    cleanup();
  });
});
