import type { ScoringModel } from './model.js';
import { getOwn } from './own.js';
import type { Rollup } from './rollup.js';

/**
 * One milestone's state for a user.
 *
 * @example
 * const s: MilestoneState = { id: 'first-project', title: 'Create a project', done: true, doneAt: 1795305600000 };
 */
export interface MilestoneState {
  id: string;
  title: string;
  href?: string;
  done: boolean;
  doneAt: number | null;
}

/**
 * Onboarding progress: `ratio = done / total` (0 when the model has no milestones).
 *
 * @example
 * const p: MilestoneProgress = milestoneProgress(model, rollup); // { done: 1, total: 3, ratio: 0.333…, items }
 */
export interface MilestoneProgress {
  done: number;
  total: number;
  ratio: number;
  items: MilestoneState[];
}

/**
 * Each milestone of the model with its done state, from the user's rollup.
 *
 * @example
 * milestoneProgress(model, rollup).items.filter((m) => !m.done);
 */
export function milestoneProgress(model: ScoringModel, rollup: Rollup): MilestoneProgress {
  const items = (model.milestones ?? []).map((m): MilestoneState => {
    const doneAt = getOwn(rollup.milestones, m.id) ?? null;
    const item: MilestoneState = { id: m.id, title: m.title, done: doneAt !== null, doneAt };
    if (m.href !== undefined) item.href = m.href;
    return item;
  });
  const done = items.filter((i) => i.done).length;
  return { done, total: items.length, ratio: done / items.length || 0, items };
}
