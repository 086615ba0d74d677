import { describe, expect, it } from 'vitest';
import { milestoneProgress } from './milestones.js';
import type { ScoringModel } from './model.js';
import { addEvent, createRollup, type ScorableEvent } from './rollup.js';

const model: ScoringModel = {
  id: 'saas',
  windowDays: 7,
  signals: [],
  scale: { maxPoints: 10 },
  bands: [{ id: 'all', min: 0 }],
  milestones: [
    { id: 'project', event: 'Project Created', title: 'Create a project', href: '/projects/new' },
    { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
    { id: 'pro', event: 'Plan Upgraded', title: 'Go pro', where: [{ property: 'plan', equals: 'pro' }] },
  ],
};

function rollupOf(events: ScorableEvent[]) {
  const rollup = createRollup(model.id);
  for (const e of events) addEvent(rollup, e, model);
  return rollup;
}

const at = (iso: string) => Date.parse(iso);

describe('milestoneProgress', () => {
  it('is 0 of total for a new user', () => {
    const p = milestoneProgress(model, createRollup(model.id));
    expect({ done: p.done, total: p.total, ratio: p.ratio }).toEqual({ done: 0, total: 3, ratio: 0 });
    expect(p.items.map((i) => i.done)).toEqual([false, false, false]);
  });

  it('is done / total with each milestone in model order', () => {
    const p = milestoneProgress(
      model,
      rollupOf([{ type: 'track', event: 'Teammate Invited', timestamp: '2026-11-20T10:00:00Z' }]),
    );
    expect(p.done).toBe(1);
    expect(p.ratio).toBe(1 / 3);
    expect(p.items).toEqual([
      { id: 'project', title: 'Create a project', href: '/projects/new', done: false, doneAt: null },
      { id: 'invite', title: 'Invite a teammate', done: true, doneAt: at('2026-11-20T10:00:00Z') },
      { id: 'pro', title: 'Go pro', done: false, doneAt: null },
    ]);
  });

  it('records the earliest completion whatever the order events arrive in', () => {
    const p = milestoneProgress(
      model,
      rollupOf([
        { type: 'track', event: 'Project Created', timestamp: '2026-11-21T10:00:00Z' },
        { type: 'track', event: 'Project Created', timestamp: '2026-11-02T10:00:00Z' },
        { type: 'track', event: 'Project Created', timestamp: '2026-11-10T10:00:00Z' },
      ]),
    );
    expect(p.items[0]?.doneAt).toBe(at('2026-11-02T10:00:00Z'));
  });

  it('stays done after the scoring window has passed', () => {
    // windowDays is 7; milestones are never forgotten.
    const p = milestoneProgress(model, rollupOf([{ type: 'track', event: 'Project Created', timestamp: 0 }]));
    expect(p.items[0]?.done).toBe(true);
  });

  it('honours a milestone where filter', () => {
    const free = rollupOf([{ type: 'track', event: 'Plan Upgraded', properties: { plan: 'team' }, timestamp: 1 }]);
    const pro = rollupOf([{ type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro' }, timestamp: 1 }]);
    expect(milestoneProgress(model, free).items[2]?.done).toBe(false);
    expect(milestoneProgress(model, pro).items[2]?.done).toBe(true);
  });

  it('is 1 when every milestone is done', () => {
    const p = milestoneProgress(
      model,
      rollupOf([
        { type: 'track', event: 'Project Created', timestamp: 1 },
        { type: 'track', event: 'Teammate Invited', timestamp: 2 },
        { type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro' }, timestamp: 3 },
      ]),
    );
    expect(p.ratio).toBe(1);
  });

  it('has ratio 0, not NaN, for a model without milestones', () => {
    const bare: ScoringModel = { ...model, milestones: undefined };
    expect(milestoneProgress(bare, createRollup('x'))).toEqual({ done: 0, total: 0, ratio: 0, items: [] });
  });
});
