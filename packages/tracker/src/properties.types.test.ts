import { expect, it } from 'vitest';
import { inertTracker } from './inert-tracker.js';
import type { Tracker } from './types.js';

// Checked by `tsc -b` (this file is in the tracker's project): customers type their
// events with interfaces, which have no index signature. A regression is a type error here.
interface CardCreated {
  template: string;
  columns: number;
  tags?: string[];
}
interface Plan {
  plan: 'trial' | 'pro';
}

it('accepts interface-typed properties and traits in every method', () => {
  const tracker: Tracker = inertTracker();
  const props: CardCreated = { template: 'kanban', columns: 3 };
  const traits: Plan = { plan: 'trial' };
  tracker.track('Card Created', props);
  tracker.identify('u1', traits, { userToken: 't' });
  tracker.page('Board', props);
  tracker.group('g1', traits);
  tracker.register(traits);
  // @ts-expect-error a string is not a set of properties
  tracker.track('Card Created', 'kanban');
  // @ts-expect-error nor is a number
  tracker.register(3);
  expect(tracker.state().source).toBe('none');
});
