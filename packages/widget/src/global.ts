/**
 * The script-tag bundle's entry (an IIFE, `pulse.min.js`): the tracker's global
 * `pulse` (with the async snippet's queued calls replayed) and the three
 * elements, using that tracker once `pulse.init(...)` has created it.
 * See docs/widget.md.
 */
import { installGlobal } from '@pulse/tracker';
import { defineElements } from './define-elements.js';
import { setDefaultTracker } from './tracker-source.js';

installGlobal((tracker) => setDefaultTracker(tracker));
defineElements();
