import Database from 'better-sqlite3';
const db = new Database('/tmp/um/plan/p.db');
const W = `project = 'default' AND substr(user_key, 1, 2) = 'u:' AND score IS NOT NULL`;
const E = (v) => `EXISTS (SELECT 1 FROM user_traits t WHERE t.project = 'default' AND t.name = 'plan' AND t.value = '${v}' AND t.user_key = users.user_key)`;
const qs = {
  pageE: `SELECT user_key, score FROM users WHERE ${W} AND band IN ('low') AND ${E('trial')} ORDER BY score DESC, user_key DESC LIMIT 51`,
  countE: `SELECT COUNT(*) FROM users WHERE ${W} AND band IN ('low') AND ${E('trial')}`,
  page3E: `SELECT user_key FROM users WHERE ${W} AND band IN ('medium','high') AND ${E('pro')} ORDER BY score_change_7d ASC, user_key ASC LIMIT 51`,
  count3E: `SELECT COUNT(*) FROM users WHERE ${W} AND band IN ('medium','high') AND ${E('pro')}`,
  page2: `SELECT user_key FROM users WHERE ${W} AND score >= 40 AND last_seen >= 1795305600000 ORDER BY last_seen DESC, user_key DESC LIMIT 51`,
  count2: `SELECT COUNT(*) FROM users WHERE ${W} AND score >= 40 AND last_seen >= 1795305600000`,
};
for (const [name, q] of Object.entries(qs)) {
  console.log(name, db.prepare('EXPLAIN QUERY PLAN ' + q).all().map((r) => r.detail).join(' | '));
  const st = db.prepare(q); st.all(); const t = performance.now(); for (let i = 0; i < 5; i++) st.all(); console.log(name, ((performance.now() - t) / 5).toFixed(1), 'ms');
}
