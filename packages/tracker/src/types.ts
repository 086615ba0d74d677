import type { JsonObject, NormalizedConfig, NudgeDecision, PulseEvent, ScoredUser, ScoreState } from '@pulse/core';

/**
 * The user in `state()`: score, band, points, contributions, milestones and
 * rollup. `nudges` (the collector's decisions) is there only when the state is
 * `authoritative`; for a provisional state, `userNudges(user, config.nudges ?? [])`
 * from @pulse/core decides them in the page (as `<pulse-nudge>` does), so a
 * tracker that shows no nudges does not carry that code.
 *
 * @example
 * const user: TrackerUser | null = tracker.state().user;
 * user?.score;
 */
export interface TrackerUser extends ScoredUser {
  nudges?: NudgeDecision[];
  /** Every score's band and milestones by score id, for nudges whose trigger names a score. */
  scores?: Record<string, ScoreState>;
  /** The saved segments a nudge names that the collector last found the user in (`trigger.segment`). */
  segments?: string[];
}

/**
 * What `state()` returns: `none` until a config is known, `provisional` while
 * computed in the page (from not-yet-acknowledged events, possibly on top of the
 * last server state), `authoritative` when it is exactly the collector's answer.
 * `user` is the default score; `scores` has every score of the config by id
 * (the default one included), and `config` is normalised (`scores`, `models`).
 *
 * @example
 * const { source, user, scores } = tracker.state();
 * if (user) render(user.score, user.band, user.milestones);
 * scores.churnRisk?.band;
 */
export interface TrackerState {
  source: 'none' | 'provisional' | 'authoritative';
  config: NormalizedConfig | null;
  user: TrackerUser | null;
  scores: Record<string, TrackerUser>;
}

/**
 * Why events were dropped: the byte cap of the queue (`quota`), consent was
 * refused or revoked (`consent`), the collector refused them (`rejected`), every
 * retry failed (`retries`), or the event was unusable at `track` (`invalid`:
 * over 32 KB or not serialisable).
 *
 * @example
 * const reason: DropReason = 'quota';
 */
export type DropReason = 'quota' | 'consent' | 'rejected' | 'retries' | 'invalid';

/**
 * One delivery outcome, as `on('delivery')` reports it. `status` is the HTTP
 * status (0 for a network error); `delay` is the wait before the retry in ms.
 *
 * @example
 * tracker.on('delivery', (r) => { if (r.kind === 'dropped') console.warn(r.reason, r.count); });
 */
export type DeliveryReport =
  | { kind: 'sent'; count: number; messageIds: string[]; status: number; position?: string }
  | { kind: 'retried'; count: number; messageIds: string[]; status: number; attempt: number; delay: number }
  | { kind: 'dropped'; count: number; messageIds: string[]; reason: DropReason; error?: string };

/**
 * Enriches or drops an event before it is queued: return a new event to replace
 * it, `null` to drop it, or nothing to keep it (changes made in place stay).
 * A middleware that throws is skipped.
 *
 * @example
 * const scrub: Middleware = (e) => { delete e.context?.ip; };
 */
export type Middleware = (event: PulseEvent) => PulseEvent | null | undefined | void;

/**
 * Event properties and traits: any object, typed by an interface or not
 * (`track('Card Created', props)` with `props: CardProps`). Pulse stores them as
 * JSON: values that don't serialise are dropped or make the event invalid
 * (reported as `invalid`), never thrown.
 *
 * @example
 * interface CardCreated { template: string; columns: number }
 * const props: CardCreated = { template: 'kanban', columns: 3 };
 * tracker.track('Card Created', props);
 */
export type Properties = object;

/**
 * The public tracker. Every method is safe to call at any time: background
 * failures become retries or counted drops, never exceptions.
 *
 * @example
 * const tracker: Tracker = createTracker({ writeKey: 'pk_live', host: 'https://pulse.example.com' });
 * tracker.track('Project Created', { template: 'kanban' });
 */
export interface Tracker {
  track(event: string, properties?: Properties): void;
  identify(userId: string, traits?: Properties, options?: { userToken?: string }): void;
  page(name?: string, properties?: Properties): void;
  group(groupId: string, traits?: Properties): void;
  alias(newId: string): void;
  /** Forgets the user: new anonymous id and session, no user id, traits or super properties. */
  reset(): void;
  /** Sends everything queued; resolves once sent or waiting for a retry. Never rejects. */
  flush(): Promise<void>;
  /** Grants or revokes consent; revoking purges the queue. */
  consent(granted: boolean): void;
  /** Super properties added to every `track` and `page`. */
  register(properties: Properties): void;
  use(middleware: Middleware): void;
  state(): TrackerState;
  on(type: 'state', listener: (state: TrackerState) => void): () => void;
  on(type: 'delivery', listener: (report: DeliveryReport) => void): () => void;
  /**
   * Disposes of the tracker: sends what is queued, stops its timers and page
   * listeners, drops its `on` listeners and frees its write key and host for a
   * new `createTracker`. Every later call does nothing. Rarely needed: create the
   * tracker once per page (docs/tracker.md, "One tracker per page").
   */
  destroy(): Promise<void>;
}

/**
 * The user as the tracker knows them, for a state plugin.
 *
 * @example
 * const { userKey, userId, traits, userToken } = host.user();
 */
export interface TrackedUser {
  /** The user id, else the anonymous id: what nudge assignment hashes. */
  userKey: string;
  userId: string | null;
  traits: JsonObject;
  userToken: string | null;
}

/**
 * What the tracker gives a state plugin.
 *
 * @example
 * const plugin: StatePlugin = (host) => ({ event() {}, settled() {}, user() {}, get: () => none });
 */
export interface StateHost {
  /** The collector origin and write key. */
  host: string;
  writeKey: string;
  user(): TrackedUser;
  /** Server time minus page time, learned from the collector's `Date` header. */
  skew(): number;
  /** False while consent is pending or refused: fetch nothing, store nothing. */
  allowed(): boolean;
  /** The state may have changed: notify `on('state')` listeners. */
  changed(): void;
}

/**
 * A state plugin's hooks. The tracker calls `event` for every queued event,
 * `settled` when the collector acknowledged (`stored`) or refused events, and
 * `user` when the identity or consent changed.
 *
 * @example
 * const source: StateSource = provisionalState(host);
 */
export interface StateSource {
  event(event: PulseEvent): void;
  /** `position`: where the collector's event log holds them, for a state read that waits for them. */
  settled(messageIds: string[], stored: boolean, position?: string): void;
  user(switched: boolean): void;
  get(): TrackerState;
  /** The tracker is destroyed: write what is pending, remove listeners, fetch nothing more. */
  stop?(): void;
}

/**
 * Builds the `state()` implementation; pass `provisionalState` as the `state`
 * option. A function rather than a flag, so bundles that never import it do not carry the scorer.
 *
 * @example
 * createTracker({ writeKey, host, state: provisionalState });
 */
export type StatePlugin = (host: StateHost) => StateSource;
