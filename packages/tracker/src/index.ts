export { createTracker } from './create-tracker.js';
export { installGlobal } from './install-global.js';
export type { PulseGlobal } from './install-global.js';
export { provisionalState } from './provisional-state.js';
export { TrackerOptionsError } from './tracker-options.js';
export type { TrackerOptions } from './tracker-options.js';
export type {
  DeliveryReport,
  DropReason,
  Middleware,
  Properties,
  StateHost,
  StatePlugin,
  StateSource,
  TrackedUser,
  Tracker,
  TrackerState,
  TrackerUser,
} from './types.js';
