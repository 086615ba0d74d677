import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertConfig, DAY_MS } from '@pulse/core';
import { createCollector } from '@pulse/collector';

import { createRandom } from '/work/wt/stats-ui/demo/seed/random.mjs';

import { simulateUser } from '/work/wt/stats-ui/demo/seed/simulate.mjs';
const N = Number(process.argv[2] ?? 1000);
const config = assertConfig(JSON.parse(readFileSync('/work/wt/stats-ui/demo/pulse.config.json', 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'try-'));
const collector = await createCollector({ db: join(dir, 'p.db'), config, secretKey: 'sk', dev: true, rateLimit: false });
const base = await collector.listen({ port: 0 });
const NOW = Date.now();
const schedule = createRandom(11);
let batch = [];
const t0 = Date.now();
const send = async () => { const r = await fetch(`${base}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${collector.writeKey}:`)}` }, body: JSON.stringify({ batch }) }); if (r.status !== 200) throw new Error(String(r.status)); batch = []; };
for (let i = 0; i < N; i++) {
  const signupAt = NOW - 60 * DAY_MS + schedule.next() * 58 * DAY_MS;
  const { events } = simulateUser(createRandom(1000 + i), i, config, signupAt, NOW);
  for (const e of events) { batch.push(e); if (batch.length >= 500) await send(); }
}
if (batch.length) await send();
const t1 = Date.now();
const res = await fetch(`${base}/v1/experiments`, { headers: { authorization: 'Bearer sk' } });
const body = await res.json();
console.log('seed ms', t1 - t0, 'results ms', Date.now() - t1);
for (const e of body.experiments) console.log(e.nudgeId, e.status, JSON.stringify(e.verdict), e.variants.map((v) => [v.id, v.exposed, v.converted]), JSON.stringify(e.planning), e.overTime.length, JSON.stringify(e.variants.map(v=>v.guardrails.map(g=>[g.label,g.value]))));
await collector.close();
