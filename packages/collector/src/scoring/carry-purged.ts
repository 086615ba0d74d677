import { createRollup, getOwn, setOwn, type Rollup, type ScoringModel } from '@pulse/core';

const min = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const max = (a: number | null, b: number): number => (a === null ? b : Math.max(a, b));

/**
 * After a rebuild from raw events, puts back what the purged events had given a
 * user and no stored event can give again: first and last seen, milestones done,
 * when each event was first sent (its count is kept at the larger of the two, a
 * lower bound), and nudge exposures. Only facts older than the purge cutoff
 * `before` are carried; everything newer comes from the events still stored.
 *
 * @example
 * const old = user.rollups; user.rollups = {}; // … replay stored events …
 * carryPurged(old, user.rollups, purgedBefore, config.models);
 */
export function carryPurged(
  old: Record<string, Rollup>,
  rebuilt: Record<string, Rollup>,
  before: number,
  models: readonly ScoringModel[],
): void {
  for (const model of models) {
    const was = getOwn(old, model.id);
    if (was === undefined || was.firstSeen === null || was.firstSeen >= before) continue;
    const now = getOwn(rebuilt, model.id) ?? createRollup(model.id);
    setOwn(rebuilt, model.id, now);
    now.firstSeen = min(now.firstSeen, was.firstSeen);
    if (was.lastSeen !== null) now.lastSeen = max(now.lastSeen, was.lastSeen);
    for (const m of model.milestones ?? []) {
      const done = getOwn(was.milestones, m.id);
      if (done !== undefined && done < before)
        setOwn(now.milestones, m.id, min(getOwn(now.milestones, m.id) ?? null, done));
    }
    for (const name of Object.keys(was.events)) {
      const e = getOwn(was.events, name);
      if (e === undefined || e.first >= before) continue;
      const cur = getOwn(now.events, name);
      setOwn(now.events, name, {
        first: min(cur?.first ?? null, e.first),
        last: max(cur?.last ?? null, e.last),
        count: Math.max(cur?.count ?? 0, e.count),
      });
    }
    for (const id of Object.keys(was.nudges)) {
      const n = getOwn(was.nudges, id);
      if (n?.exposedAt != null && n.exposedAt < before && getOwn(now.nudges, id) === undefined) {
        setOwn(now.nudges, id, structuredClone(n));
      }
    }
  }
}
