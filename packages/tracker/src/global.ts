/**
 * The script-tag build's entry (an IIFE, `pulse-tracker.min.js`): installs the
 * global `pulse` and replays the calls the async snippet queued. See docs/tracker.md.
 */
import { installGlobal } from './install-global.js';

installGlobal();
