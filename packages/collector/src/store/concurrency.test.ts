import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, trackEvent } from '../../test/support.js';
import { createCollector } from '../create-collector.js';
import { SAAS_CONFIG } from '../../../core/test/saas-config.js';

for (const backend of backends()) {
  describe(`two collectors on one ${backend.name} database`, () => {
    afterAll(() => backend.cleanup());

    it('never lose or double count a retried batch sent to both at once', async () => {
      const options = {
        writeKey: 'pk_c',
        secretKey: 'sk_c',
        rateLimit: false as const,
        background: false,
        config: SAAS_CONFIG,
      };
      const a = await createCollector({ ...options, store: backend.open(), ownStore: true });
      const b = await createCollector({ ...options, store: backend.openSibling(), ownStore: true });
      let accepted = 0;
      let duplicates = 0;
      const rounds = 15;
      for (let round = 0; round < rounds; round++) {
        // Ten users, some anonymous visitors identified in the same batch.
        const batch = Array.from({ length: 40 }, (_, i) =>
          i % 8 === 7
            ? {
                type: 'identify',
                userId: `c${i % 10}`,
                anonymousId: `anon-${round}-${i % 10}`,
                messageId: `id-${round}-${i}`,
              }
            : trackEvent({ userId: i % 3 === 0 ? null : `c${i % 10}`, anonymousId: `anon-${round}-${i % 10}` }),
        );
        const [ra, rb] = await Promise.all([postBatch(a, batch), postBatch(b, [...batch].reverse())]);
        expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
        for (const r of [ra.json(), rb.json()]) {
          accepted += r.accepted;
          duplicates += r.duplicates;
        }
      }
      expect({ accepted, duplicates }).toEqual({ accepted: rounds * 40, duplicates: rounds * 40 });
      expect((await a.store.listEvents(a.project, 0, 10_000)).length).toBe(rounds * 40);
      let counted = 0;
      for (const key of await a.store.listUserKeys(a.project, '', 1000)) {
        const user = await a.store.getUser(a.project, key);
        counted += user!.rollups.saas!.events['Project Created']?.count ?? 0;
      }
      expect(counted).toBe(rounds * 35);
      await a.close();
      await b.close();
    });
  });
}
