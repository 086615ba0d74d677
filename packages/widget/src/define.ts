import { defineElements } from './define-elements.js';

// The element types come along with the registration: `HTMLElementTagNameMap` and the
// `pulse-nudge-close` event maps (their `declare global` block) reach every importer.
export type { PulseNudgeCloseEvent } from './element-types.js';

defineElements();
