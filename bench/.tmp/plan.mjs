import Database from 'better-sqlite3';
import { createCollector, createSqliteStore } from '/work/wt/users-more/packages/collector/dist/index.js';
const N = Number(process.argv[2] ?? 200000);
const path = '/tmp/um/plan/p.db';
const NOW = Date.parse('2026-11-30T12:00:00Z'); const DAY = 86400000;
const CONFIG = { models: [{ id: 'saas', windowDays: 30, signals: [{ id: 'p', event: 'Project Created', weight: 1 }], scale: { maxPoints: 10 }, bands: [{ id: 'low', min: 0 }, { id: 'medium', min: 40 }, { id: 'high', min: 70 }] }] };
const fs = await import('node:fs');
if (!fs.existsSync(path)) {
  const c = await createCollector({ store: createSqliteStore(path), ownStore: true, writeKey: 'pk', secretKey: 'sk', background: false, config: CONFIG, now: () => NOW });
  await c.close();
  const db = new Database(path);
  const ins = db.prepare(`INSERT INTO users (project, user_key, traits, rollups, score, band, score_day, model_id, last_seen, milestones, score_7d_ago, score_change_7d) VALUES ('default', ?, ?, '{}', ?, ?, ?, 'saas', ?, '[]', ?, ?)`);
  db.transaction(() => { for (let i = 0; i < N; i++) { const score = (i * 7919) % 101; const band = score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low'; const ago = (i * 31) % 101; ins.run(`u:user-${String(i).padStart(7, '0')}`, JSON.stringify({ plan: ['trial', 'pro', 'team'][i % 3] }), score, band, Math.floor(NOW / DAY), NOW - ((i * 104729) % (60 * DAY)), ago, score - ago); } })();
  db.exec('ANALYZE'); db.close();
}
const db = new Database(path, { readonly: true });
const W = `project = 'default' AND substr(user_key, 1, 2) = 'u:' AND score IS NOT NULL`;
const T = `user_key IN (SELECT user_key FROM user_traits WHERE project = 'default' AND name = 'plan' AND value = 'trial')`;
const qs = {
  page: `SELECT user_key, score FROM users WHERE ${W} AND band IN ('low') AND ${T} ORDER BY score DESC, user_key DESC LIMIT 51`,
  count: `SELECT COUNT(*) FROM users WHERE ${W} AND band IN ('low') AND ${T}`,
  page3: `SELECT user_key FROM users WHERE ${W} AND band IN ('medium','high') AND user_key IN (SELECT user_key FROM user_traits WHERE project = 'default' AND name = 'plan' AND value = 'pro') ORDER BY score_change_7d ASC, user_key ASC LIMIT 51`,
  count3: `SELECT COUNT(*) FROM users WHERE ${W} AND band IN ('medium','high') AND user_key IN (SELECT user_key FROM user_traits WHERE project = 'default' AND name = 'plan' AND value = 'pro')`,
};
for (const [name, q] of Object.entries(qs)) {
  console.log(name, db.prepare('EXPLAIN QUERY PLAN ' + q).all().map((r) => r.detail).join(' | '));
  const st = db.prepare(q); st.all(); const t = performance.now(); for (let i = 0; i < 5; i++) st.all(); console.log(name, ((performance.now() - t) / 5).toFixed(1), 'ms');
}
