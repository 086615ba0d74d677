/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The write key; default: the demo collector's. */
  readonly VITE_PULSE_WRITE_KEY?: string;
  /** The collector origin; default: the page's own. */
  readonly VITE_PULSE_HOST?: string;
}
