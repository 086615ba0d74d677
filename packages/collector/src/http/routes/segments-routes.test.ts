import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { DESIGN_NUDGE, inviteModel } from '../../../../core/test/saas-config.js';
import type { Collector } from '../../create-collector.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

for (const backend of backends()) {
  describe(`saved segments on ${backend.name}`, () => {
    let c: Collector;
    const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      c.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${c.secretKey}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
    });

    it('saves, reads, lists and applies a segment, kept in a new config version', async () => {
      c = await startCollector(backend, { config: { models: [inviteModel()] }, now: () => NOW });
      const at = new Date(NOW).toISOString();
      await postBatch(c, [
        { type: 'identify', userId: 'a', traits: { plan: 'trial' }, timestamp: at, messageId: 'i1' },
        { type: 'identify', userId: 'b', traits: { plan: 'pro' }, timestamp: at, messageId: 'i2' },
        trackEvent({ userId: 'a', event: 'Teammate Invited', timestamp: at }),
        trackEvent({ userId: 'b', event: 'Teammate Invited', timestamp: at }),
      ]);
      const version = c.context.configs.current().version;
      const put = await call('PUT', '/v1/admin/segments/trial', {
        name: 'Trial users',
        filter: { 'trait.plan': 'trial' },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toEqual({ id: 'trial', name: 'Trial users', filter: { 'trait.plan': 'trial' } });
      expect(c.context.configs.current().version).toBe(version + 1);
      expect((await call('GET', '/v1/admin/segments/trial')).json().name).toBe('Trial users');
      expect((await call('GET', '/v1/admin/segments')).json().segments.map((s: { id: string }) => s.id)).toEqual([
        'trial',
      ]);
      const users = (await call('GET', '/v1/admin/users?segment=trial')).json();
      expect(users.users.map((u: { userId: string }) => u.userId)).toEqual(['a']);
    });

    it('names a bad filter parameter, and keeps concurrent edits of different segments', async () => {
      const bad = await call('PUT', '/v1/admin/segments/x', { name: 'X', filter: { band: 'gold', colour: 'red' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toContain('segments[1].filter.band');
      expect(bad.json().error).toContain('segments[1].filter.colour');
      await Promise.all([
        call('PUT', '/v1/admin/segments/one', { name: 'One', filter: { band: 'low' } }),
        call('PUT', '/v1/admin/segments/two', { name: 'Two', filter: { band: 'high' } }),
      ]);
      const ids = (await call('GET', '/v1/admin/segments')).json().segments.map((s: { id: string }) => s.id);
      expect(ids.sort()).toEqual(['one', 'trial', 'two']);
    });

    it('deletes a segment, refusing while a nudge targets it', async () => {
      const document = c.context.configs.current().document;
      const nudge = { ...DESIGN_NUDGE, trigger: { segment: 'one' } };
      await c.context.configs.replace({ ...document, nudges: [nudge] });
      const refused = await call('DELETE', '/v1/admin/segments/one');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toContain('nudges[0].trigger.segment');
      expect((await call('DELETE', '/v1/admin/segments/two')).statusCode).toBe(204);
      expect((await call('GET', '/v1/admin/segments/two')).statusCode).toBe(404);
      expect((await call('DELETE', '/v1/admin/segments/two')).statusCode).toBe(404);
      expect((await c.app.inject({ url: '/v1/admin/segments' })).statusCode).toBe(401);
    });
  });
}
