import { isSafeHref, userNudges, type NudgeContent } from '@pulse/core';
import { DEV, warnOnce } from '@pulse/core/dev-warn';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { crossIcon } from './icons.js';
import { nudgeStyles } from './nudge-styles.js';
import { claimNudge, firstInPageView, isClaimedByOther, releaseNudge } from './nudge-registry.js';
import { placeTooltip } from './place-tooltip.js';
import { PulseElement } from './pulse-element.js';
import { safeTrack } from './safe-track.js';
import { selectNudge, type NudgeChoice } from './select-nudge.js';
import { formatString } from './strings.js';
import { themeStyles } from './theme.js';
import type { PulseNudgeCloseAction, PulseNudgeCloseDetail } from './element-types.js';
import type { WidgetTracker } from './tracker-source.js';
import { waitForElement } from './wait-for-element.js';
import { watchVisible } from './watch-visible.js';

const same = (a: NudgeChoice | null, b: NudgeChoice | null): boolean =>
  a?.nudge.id === b?.nudge.id && a?.variant.id === b?.variant.id;

/**
 * `<pulse-nudge placement="banner|toast|inline|tooltip">`: shows the first
 * nudge of that placement the user is eligible for, in the variant core
 * assigns, and records `Nudge Eligible` (also for the control, which shows
 * nothing), `Nudge Shown` (once per impression, when at least half of it is
 * on screen), `Nudge Clicked` and `Nudge Dismissed`. Tooltips wait for their
 * anchor (the nudge's `anchor` selector or the `anchor` attribute) and follow
 * it on scroll and resize. Content is rendered as text only. With `score`,
 * only nudges whose trigger reads that score (`trigger.score`; none: the
 * default score) show here.
 *
 * @example
 * html`<pulse-nudge placement="banner" snooze-hours="24"></pulse-nudge>`;
 */
export class PulseNudge extends PulseElement {
  static override styles = [themeStyles, nudgeStyles];
  static override properties = {
    placement: { reflect: true },
    nudge: {},
    anchor: {},
    anchorTimeout: { type: Number, attribute: 'anchor-timeout' },
    snoozeHours: { type: Number, attribute: 'snooze-hours' },
  };
  /** Which nudges this slot shows, by their configured placement. */
  declare placement: 'banner' | 'toast' | 'inline' | 'tooltip';
  /** Only this nudge id, when set. */
  declare nudge: string | null;
  /** Overrides the nudge's anchor selector (tooltips). */
  declare anchor: string | null;
  /** How long a tooltip waits for its anchor, in ms. */
  declare anchorTimeout: number;
  /** Hours "Remind me later" hides the nudge for; 0 hides that button. */
  declare snoozeHours: number;
  #choice: NudgeChoice | null = null;
  #claimedWith: WidgetTracker | null = null;
  #closed = false;
  /** The card being watched for its `Nudge Shown`, and whether that was recorded. */
  #watched: Element | null = null;
  #shown = false;
  #following = false;
  readonly #gaveUp = new Set<string>();
  #anchorElement: Element | null = null;
  #announcement = '';
  #stops: (() => void)[] = [];

  constructor() {
    super();
    this.placement = 'inline';
    this.nudge = null;
    this.anchor = null;
    this.anchorTimeout = 10_000;
    this.snoozeHours = 24;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#closed = false;
    this.#gaveUp.clear();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#switchTo(null);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const tracker = this.source;
    const { config, user } = this.state;
    const next =
      tracker && user && !this.#closed
        ? // The collector's decisions, else (a provisional state) decided here from the user's rollup.
          selectNudge(config, user.nudges ?? userNudges(user, config?.nudges ?? []), {
            placement: this.placement,
            only: this.nudge,
            score: this.score,
            // Held only once seen: a cap that a fresher state reveals before then still applies.
            held: this.#shown ? (this.#choice?.nudge.id ?? null) : null,
            skip: (id) => this.#gaveUp.has(id) || isClaimedByOther(tracker, id, this),
          })
        : null;
    if (!same(next, this.#choice) || tracker !== this.#claimedWith) this.#switchTo(next);
    this.#choice = next;
    const title = next?.variant.content?.title;
    if (title !== undefined && this.#ready) this.#announcement = formatString(this.text.newNudge, { title });
  }

  protected override render(): TemplateResult {
    const live = html`<div class="sr" role="status">${this.#announcement}</div>`;
    const content = this.#choice?.variant.content;
    if (!content || !this.#ready) return live;
    const t = this.text;
    const tooltip = this.placement === 'tooltip';
    return html`${live}
      <section
        part="nudge ${this.placement}"
        class="card ${this.placement}"
        aria-labelledby="title"
        @keydown=${this.#onKey}
      >
        <div part="nudge-content">
          <span part="nudge-title" id="title" dir="auto">${content.title}</span>
          ${content.body ? html`<p part="nudge-body" class="muted" dir="auto">${content.body}</p>` : nothing}
          <div part="nudge-actions">
            ${this.#renderCta(content)}
            ${
              this.snoozeHours > 0
                ? html`<button part="snooze" class="btn ghost" @click=${() => this.#close('snooze')}>
                    ${t.snooze}
                  </button>`
                : nothing
            }
          </div>
        </div>
        <button part="dismiss" class="icon" aria-label=${t.dismiss} @click=${() => this.#close('dismiss')}>
          ${crossIcon}
        </button>
        ${tooltip ? html`<span part="arrow"></span>` : nothing}
      </section>`;
  }

  protected override updated(): void {
    const choice = this.#choice;
    const tracker = this.source;
    if (choice === null || tracker === null || !this.#ready) return;
    const card = this.renderRoot.querySelector('section');
    // A preview link's draft records nothing: no exposure, no click, no CTA event.
    const quiet = choice.nudge.preview === true;
    const props = this.#eventProps();
    const key = `${this.state.user?.userKey}\n${choice.nudge.id}\n${choice.variant.id}`;
    // After this update, so the state change the event causes does not land mid-update.
    if (!quiet && firstInPageView(tracker, key)) queueMicrotask(() => safeTrack(tracker, 'Nudge Eligible', props));
    if (card === null) return;
    if (!quiet && !this.#shown && this.#watched !== card) {
      this.#watched = card;
      this.#stops.push(
        watchVisible(card, () => {
          this.#shown = true;
          safeTrack(tracker, 'Nudge Shown', props);
        }),
      );
    }
    if (this.placement === 'tooltip') this.#follow(card);
  }

  get #ready(): boolean {
    return this.#choice !== null && (this.placement !== 'tooltip' || this.#anchorElement !== null);
  }

  #eventProps(): Record<string, unknown> {
    return { nudgeId: this.#choice?.nudge.id, variant: this.#choice?.variant.id, placement: this.placement };
  }

  #renderCta(content: NudgeContent): TemplateResult | typeof nothing {
    const cta = content.cta;
    if (!cta) return nothing;
    if (cta.href !== undefined && isSafeHref(cta.href)) {
      // Hide after the click: removing the link first would cancel its navigation.
      const click = (): void => {
        this.#record('click');
        setTimeout(() => this.#hide());
      };
      return html`<a part="cta" class="btn" href=${cta.href} @click=${click}>${cta.label}</a>`;
    }
    if (DEV && cta.href !== undefined)
      warnOnce?.('unsafe-href', `nudge CTA href "${cta.href}" is not http(s) or relative`);
    return html`<button part="cta" class="btn" @click=${() => this.#close('click')}>${cta.label}</button>`;
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && (this.placement === 'toast' || this.placement === 'tooltip')) {
      event.stopPropagation();
      this.#close('dismiss');
    }
  };

  #close(action: PulseNudgeCloseAction): void {
    this.#record(action);
    this.#hide();
  }

  #record(action: PulseNudgeCloseAction): void {
    const tracker = this.#choice?.nudge.preview ? null : this.source;
    const props = this.#eventProps();
    if (action === 'click') {
      safeTrack(tracker, 'Nudge Clicked', props);
      const event = this.#choice?.variant.content?.cta?.event;
      if (event) safeTrack(tracker, event, { nudgeId: props.nudgeId, variant: props.variant });
    } else {
      safeTrack(tracker, 'Nudge Dismissed', action === 'snooze' ? { ...props, snoozeHours: this.snoozeHours } : props);
    }
    this.dispatchEvent(
      new CustomEvent<PulseNudgeCloseDetail>('pulse-nudge-close', {
        bubbles: true,
        composed: true,
        detail: { ...(props as Omit<PulseNudgeCloseDetail, 'action'>), action },
      }),
    );
  }

  /** Closes the slot for this page view; focus inside it moves to the tooltip's anchor. */
  #hide(): void {
    if (this.#choice === null) return;
    const hadFocus = this.shadowRoot?.activeElement != null;
    const anchor = this.#anchorElement;
    this.#closed = true;
    this.#switchTo(null);
    this.requestUpdate();
    if (hadFocus && anchor instanceof HTMLElement) anchor.focus();
  }

  /** Ends the current impression (watchers, claim, anchor) and starts `next`. */
  #switchTo(next: NudgeChoice | null): void {
    for (const stop of this.#stops.splice(0)) stop();
    if (this.#choice && this.#claimedWith) releaseNudge(this.#claimedWith, this.#choice.nudge.id, this);
    this.#choice = next;
    this.#claimedWith = next ? this.source : null;
    this.#watched = null;
    this.#shown = false;
    this.#following = false;
    this.#anchorElement = null;
    this.#announcement = '';
    if (next === null || this.#claimedWith === null) return;
    claimNudge(this.#claimedWith, next.nudge.id, this);
    if (this.placement === 'tooltip') this.#waitForAnchor(next);
  }

  #waitForAnchor(choice: NudgeChoice): void {
    const selector = this.anchor ?? choice.nudge.anchor;
    const giveUp = (): void => {
      this.#gaveUp.add(choice.nudge.id);
      this.requestUpdate();
    };
    if (!selector) return giveUp();
    const stop = waitForElement(selector, this.anchorTimeout, (element) => {
      if (element === null) return giveUp();
      this.#anchorElement = element;
      this.requestUpdate();
    });
    this.#stops.push(stop);
  }

  /** Keeps a tooltip at its anchor while the page scrolls (any scroller) or resizes. */
  #follow(card: HTMLElement): void {
    if (!this.#following) {
      this.#following = true;
      let frame = 0;
      const schedule = (): void => {
        frame ||= requestAnimationFrame(() => {
          frame = 0;
          this.#position(card);
        });
      };
      addEventListener('scroll', schedule, { capture: true, passive: true });
      addEventListener('resize', schedule, { passive: true });
      this.#stops.push(() => {
        cancelAnimationFrame(frame);
        removeEventListener('scroll', schedule, { capture: true });
        removeEventListener('resize', schedule);
      });
    }
    this.#position(card);
  }

  #position(card: HTMLElement): void {
    const anchor = this.#anchorElement;
    if (anchor === null) return;
    if (!anchor.isConnected) {
      // The single-page app re-rendered the anchor: wait for its replacement.
      const choice = this.#choice;
      this.#anchorElement = null;
      this.requestUpdate();
      if (choice) this.#waitForAnchor(choice);
      return;
    }
    const viewport = { width: document.documentElement.clientWidth, height: innerHeight };
    const p = placeTooltip(anchor.getBoundingClientRect(), card.getBoundingClientRect(), viewport);
    card.style.setProperty('inset', `${p.top}px auto auto ${p.left}px`);
    card.style.setProperty('--pulse-arrow-x', `${p.arrow}px`);
    card.toggleAttribute('data-above', p.side === 'top');
  }
}
