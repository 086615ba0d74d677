import { LitElement, type PropertyDeclarations } from 'lit';
import type { PulseTheme } from './element-types.js';
import { resolveStrings, type PulseStrings } from './strings.js';
import type { TrackerUser } from '@pulse/tracker';
import {
  onDefaultTrackerChange,
  resolveTracker,
  type WidgetTracker,
  type WidgetTrackerState,
} from './tracker-source.js';

const NO_STATE: WidgetTrackerState = { source: 'none', config: null, user: null };

function readState(tracker: WidgetTracker | null): WidgetTrackerState {
  try {
    const state = tracker?.state();
    return typeof state === 'object' && state !== null ? state : NO_STATE;
  } catch {
    return NO_STATE;
  }
}

/**
 * The base of every Pulse element: a `.tracker` (falling back to the default
 * tracker and the global `pulse`), overridable `.strings`, and, while
 * connected, the tracker's latest state in `this.state`, re-rendering on every
 * `on('state')`.
 *
 * @example
 * class PulseScore extends PulseElement {
 *   render() { return html`${this.state.user?.score}`; }
 * }
 */
export class PulseElement extends LitElement {
  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
    theme: { reflect: true },
    score: {},
  };
  /** Overrides of the default English strings. */
  declare strings: Partial<PulseStrings> | null;
  /** Light or dark; unset follows the page's `color-scheme`. Reflects to the `theme` attribute. */
  declare theme: PulseTheme | undefined;
  /**
   * The score this element shows (a score id of the config, e.g. `churnRisk`);
   * unset shows the default score. A score the tracker does not know shows no user.
   */
  declare score: string | null | undefined;
  /** The tracker in use: resolved from `.tracker` while connected. */
  protected source: WidgetTracker | null = null;
  protected state: WidgetTrackerState = NO_STATE;
  #own: WidgetTracker | null = null;
  #offs: (() => void)[] = [];

  constructor() {
    super();
    this.strings = null;
    // A `.tracker` set before the element was defined sits on the instance and
    // would hide the accessor: move it over.
    if (Object.hasOwn(this, 'tracker')) {
      const early = (this as { tracker?: WidgetTracker | null }).tracker ?? null;
      delete (this as { tracker?: unknown }).tracker;
      this.#own = early;
    }
  }

  /** This element's own tracker; `null` uses the default tracker or the global `pulse`. */
  get tracker(): WidgetTracker | null {
    return this.#own;
  }

  set tracker(tracker: WidgetTracker | null) {
    this.#own = tracker ?? null;
    this.#subscribe();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe();
    this.source = null;
  }

  /** The user as the element's score sees them: `state.user`, or `state.scores[score]` when `score` is set. */
  protected get user(): TrackerUser | null {
    return this.score ? (this.state.scores?.[this.score] ?? null) : this.state.user;
  }

  protected get text(): PulseStrings {
    return resolveStrings(this.strings);
  }

  #subscribe(): void {
    const next = resolveTracker(this.#own);
    if (!this.isConnected || (next === this.source && this.#offs.length > 0)) return;
    this.#unsubscribe();
    this.#offs.push(onDefaultTrackerChange(() => this.#subscribe()));
    this.source = next;
    try {
      const off = next?.on('state', () => this.#refresh());
      if (typeof off === 'function') this.#offs.push(off);
    } catch {
      // A tracker whose `on` fails still has a readable `state()`.
    }
    this.#refresh();
  }

  #refresh(): void {
    this.state = readState(this.source);
    this.requestUpdate();
  }

  #unsubscribe(): void {
    for (const off of this.#offs.splice(0)) {
      try {
        off();
      } catch {
        // Failing to unsubscribe leaves at most a stale listener.
      }
    }
  }
}
