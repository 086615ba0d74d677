import type { PulseGlobal } from '../../packages/tracker/src/install-global.js';

declare global {
  interface Window {
    /** The script tag's global, as installed by the tracker. */
    pulse: PulseGlobal;
  }
}
