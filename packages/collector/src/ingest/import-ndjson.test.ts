import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, startCollector, trackEvent } from '../../test/support.js';
import { importNdjson } from './import-ndjson.js';

describe.each(backends())('importNdjson ($name)', (backend) => {
  afterAll(() => backend.cleanup());

  it('resumes after an interruption without double counting', async () => {
    const c = await startCollector(backend);
    const file = join(process.env.TMPDIR ?? '/tmp', `pulse-import-${process.pid}-${Date.now()}.ndjson`);
    const events = Array.from({ length: 10 }, () => trackEvent({ userId: 'resume' }));
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    const transaction = c.store.transaction.bind(c.store);
    let calls = 0;
    c.context.store.transaction = (fn) => {
      calls += 1;
      // The third batch's transaction (events 5–6) fails, as if the process died there.
      if (calls === 3) return Promise.reject(new Error('killed'));
      return transaction(fn);
    };
    await expect(importNdjson(c.context, file, { batchSize: 2 })).rejects.toThrow('killed');
    c.context.store.transaction = transaction;
    const second = await importNdjson(c.context, file, { batchSize: 2 });
    expect(second.resumedAt).toBeGreaterThan(0);
    expect(second).toMatchObject({ lines: 6, accepted: 6, duplicates: 0, rejected: 0 });
    expect((await c.store.listEvents(c.project, 0, 100)).length).toBe(10);
    const user = await c.store.getUser(c.project, 'u:resume');
    expect(user!.rollups.default!.events['Project Created']!.count).toBe(10);
    await c.close();
  });

  it('scores on the next run when it died after storing the events but before the rebuild', async () => {
    const c = await startCollector(backend);
    const file = join(process.env.TMPDIR ?? '/tmp', `pulse-import-r-${process.pid}-${Date.now()}.ndjson`);
    const anon = `anon-${Date.now()}`;
    const events = [
      ...Array.from({ length: 4 }, () => trackEvent({ userId: undefined, anonymousId: anon })),
      { ...trackEvent({ userId: 'rebuild', anonymousId: anon }), type: 'identify', event: undefined },
      ...Array.from({ length: 3 }, () => trackEvent({ userId: 'rebuild' })),
    ];
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    const rescore = c.context.rescore;
    c.context.rescore = () => Promise.reject(new Error('killed'));
    await expect(importNdjson(c.context, file, { batchSize: 3 })).rejects.toThrow('killed');
    expect((await c.store.listEvents(c.project, 0, 100)).length).toBe(8);
    c.context.rescore = rescore;
    const second = await importNdjson(c.context, file);
    expect(second).toMatchObject({ lines: 0, accepted: 0 });
    expect(second.rescored).not.toBeNull();
    // The anonymous visitor's events were merged into the user, each counted once.
    const user = await c.store.getUser(c.project, 'u:rebuild');
    expect(user!.rollups.default!.events['Project Created']!.count).toBe(7);
    expect(user!.score).not.toBeNull();
    expect(await c.store.getUser(c.project, `a:${anon}`)).toBeNull();
    // Nothing pending any more: a third run neither stores nor rebuilds.
    expect((await importNdjson(c.context, file)).rescored).toBeNull();
    await c.close();
  });

  it('changes nothing when the same events are imported again', async () => {
    const c = await startCollector(backend);
    const dir = process.env.TMPDIR ?? '/tmp';
    const events = Array.from({ length: 30 }, (_, i) => trackEvent({ userId: `again-${i % 3}` }));
    const text = events.map((e) => JSON.stringify(e)).join('\n');
    const first = join(dir, `pulse-import-a-${process.pid}-${Date.now()}.ndjson`);
    const copy = join(dir, `pulse-import-b-${process.pid}-${Date.now()}.ndjson`);
    writeFileSync(first, text);
    writeFileSync(copy, text);
    expect(await importNdjson(c.context, first, { batchSize: 7 })).toMatchObject({ lines: 30, accepted: 30 });
    const before = await c.store.getUser(c.project, 'u:again-1');
    // The same file: already done. Another file with the same events: all duplicates.
    expect(await importNdjson(c.context, first)).toMatchObject({ lines: 0, accepted: 0 });
    expect(await importNdjson(c.context, copy)).toMatchObject({ lines: 30, accepted: 0, duplicates: 30 });
    expect(await c.store.getUser(c.project, 'u:again-1')).toEqual(before);
    expect((await c.store.listEvents(c.project, 0, 100)).length).toBe(30);
    await c.close();
  });
});
