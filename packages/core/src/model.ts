/**
 * The scoring model, milestones, nudges and the whole Pulse config as plain JSON
 * types. `validateModel` / `validateConfig` check untrusted JSON against them.
 */

/** How a signal turns matching events into its count `n`. */
export const SIGNAL_COUNTS = ['occurrences', 'activeDays', 'activeWeeks'] as const;

/**
 * `occurrences` (default), distinct UTC days, or distinct ISO weeks.
 *
 * @example
 * const c: SignalCount = 'activeWeeks';
 */
export type SignalCount = (typeof SIGNAL_COUNTS)[number];

/** A scalar a `where` filter or `appliesTo` rule compares with. */
export type Scalar = string | number | boolean;

/**
 * A filter on one event property (or, in `appliesTo`, one trait). The property
 * must equal `equals`, be one of `in`, and/or lie within `gte`/`lte`.
 *
 * @example
 * const w: PropertyFilter = { property: 'plan', in: ['pro', 'team'] };
 */
export interface PropertyFilter {
  property: string;
  equals?: Scalar;
  in?: Scalar[];
  gte?: number;
  lte?: number;
}

/**
 * One weighted signal: `points = weight × n`, bounded by `cap`.
 *
 * @example
 * const s: Signal = { id: 'invites', event: 'Teammate Invited', weight: 5, cap: 25 };
 */
export interface Signal {
  id: string;
  /** A `track` event name; `$page` matches `page` and `screen` events. */
  event: string;
  weight: number;
  /** Default `occurrences`. */
  count?: SignalCount;
  /** For `activeDays` / `activeWeeks`: a day or week counts once it has this many events (default 1). */
  minPerPeriod?: number;
  /** Sum this numeric property instead of counting (only with `occurrences`). */
  value?: string;
  /** Only events whose properties match every filter. */
  where?: PropertyFilter[];
  /** Bound on |points|, with the same sign as `weight`. */
  cap?: number;
}

/**
 * A penalty for inactivity, by days since the user's last event of any kind:
 * a fixed `points` once more than `afterDays` have passed, or `perDay` for every
 * day past `afterDays`, bounded by `cap`.
 *
 * @example
 * const rules: InactivityRule[] = [{ afterDays: 14, points: -10 }, { afterDays: 7, perDay: -3, cap: -30 }];
 */
export interface InactivityRule {
  afterDays: number;
  points?: number;
  perDay?: number;
  cap?: number;
}

/**
 * A named score range; a band applies from `min` up to the next band's `min`.
 *
 * @example
 * const b: Band = { id: 'high', min: 70, label: 'Power user' };
 */
export interface Band {
  id: string;
  min: number;
  label?: string;
}

/**
 * An onboarding step, done once the user has sent a matching event.
 *
 * @example
 * const m: Milestone = { id: 'first-project', event: 'Project Created', title: 'Create your first project', href: '/projects/new' };
 */
export interface Milestone {
  id: string;
  event: string;
  title: string;
  where?: PropertyFilter[];
  href?: string;
}

/**
 * A scoring model. See docs/scoring.md.
 *
 * @example
 * const m: ScoringModel = { id: 'saas', windowDays: 30, signals: [{ id: 'p', event: 'Project Created', weight: 4 }],
 *   scale: { maxPoints: 100 }, bands: [{ id: 'low', min: 0 }, { id: 'high', min: 70 }] };
 */
export interface ScoringModel {
  id: string;
  /** For people reading the config; not used in scoring. */
  description?: string;
  windowDays: number;
  /** With a half-life, an event `a` whole days old counts `0.5^(a / halfLifeDays)`. */
  halfLifeDays?: number | null;
  signals: Signal[];
  inactivity?: InactivityRule[];
  scale: { maxPoints: number };
  bands: Band[];
  milestones?: Milestone[];
  /** The model applies to users whose traits match; a model without it (and without `lifecycle`) is the default. */
  appliesTo?: { trait: string; equals?: Scalar; in?: Scalar[] };
  /** A lifecycle stage: the model applies while the rule holds (evaluated by the collector). See docs/scoring.md. */
  lifecycle?: LifecycleRule;
}

/**
 * When a lifecycle model applies: every condition given must hold. Days are
 * whole UTC days, as the scorer counts inactivity: `daysSinceFirstSeen` from
 * the user's first event, `daysInactive` from their last; a user without events
 * is at 0 for both. Bounds are inclusive.
 *
 * @example
 * const trial: LifecycleRule = { traits: [{ property: 'plan', equals: 'trial' }], maxDaysSinceFirstSeen: 14 };
 * const dormant: LifecycleRule = { minDaysInactive: 30 };
 */
export interface LifecycleRule {
  /** Filters on traits (`property` names the trait). */
  traits?: PropertyFilter[];
  minDaysSinceFirstSeen?: number;
  maxDaysSinceFirstSeen?: number;
  minDaysInactive?: number;
  maxDaysInactive?: number;
}

/**
 * How long raw events are kept: older ones are purged on the recompute schedule.
 * Scores and rollups do not need them, as long as no model looks further back
 * (the config validator checks this).
 *
 * @example
 * const r: RetentionPolicy = { eventsDays: 400 };
 */
export interface RetentionPolicy {
  eventsDays: number;
}

/** Where a nudge is shown. */
export const PLACEMENTS = ['banner', 'toast', 'inline', 'tooltip'] as const;

/**
 * `banner | toast | inline | tooltip`.
 *
 * @example
 * const p: Placement = 'banner';
 */
export type Placement = (typeof PLACEMENTS)[number];

/**
 * What a non-control variant shows. Rendered as text, never as HTML.
 *
 * @example
 * const c: NudgeContent = { title: 'Work is better together', body: 'Invite a teammate.', cta: { label: 'Invite', href: '/invite' } };
 */
export interface NudgeContent {
  title: string;
  body?: string;
  /** Either navigates to `href` (http(s) or relative only) or tracks `event`. */
  cta?: { label: string; href?: string; event?: string };
}

/**
 * One arm of a nudge experiment; `content: null` is a control that shows nothing.
 *
 * @example
 * const v: NudgeVariant = { id: 'control', weight: 0.5, content: null };
 */
export interface NudgeVariant {
  id: string;
  weight: number;
  content: NudgeContent | null;
}

/** The lifecycle of a nudge experiment. */
export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'concluded', 'stopped'] as const;

/**
 * `draft` is being written and shows nothing (a preview link shows it to one
 * browser); `running` (default) assigns by weight; `paused` shows nothing to
 * anyone; `concluded` gives everyone the `winner` variant; `stopped` ended the
 * experiment without a winner and shows nothing.
 *
 * @example
 * const s: ExperimentStatus = 'concluded';
 */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * A nudge and its experiment. See DESIGN "Nudges and experiments".
 *
 * @example
 * const n: Nudge = { id: 'invite-nudge', placement: 'banner', trigger: { bands: ['low'] },
 *   variants: [{ id: 'control', weight: 0.5, content: null }, { id: 'b', weight: 0.5, content: { title: 'Invite' } }],
 *   goal: { event: 'Teammate Invited', withinDays: 7 } };
 */
export interface Nudge {
  id: string;
  /** For people reading the config; not shown to users. */
  description?: string;
  placement: Placement;
  /** CSS selector of the anchor, for `tooltip` nudges. */
  anchor?: string;
  trigger: {
    bands?: string[];
    milestoneIncomplete?: string;
    minDaysSinceFirstSeen?: number;
    /** The user has sent this event at least once. */
    event?: string;
    /** The user is in this saved segment (the collector evaluates it). */
    segment?: string;
    /** The score `bands` and `milestoneIncomplete` read (default: the config's default score). */
    score?: string;
  };
  variants: NudgeVariant[];
  goal: { event: string; withinDays: number };
  frequency?: { maxImpressions?: number; cooldownHours?: number };
  status?: ExperimentStatus;
  /** With `status: 'concluded'`: the variant everyone now gets. */
  winner?: string;
  /**
   * When the variants or weights of a started experiment last changed (ISO
   * time): assignment reshuffled then, so results count exposures from here on.
   */
  restartedAt?: string;
  /**
   * Set only on the draft a preview link (`?pulse_preview=`) shows, never in a
   * config: the widget records no events for it.
   */
  preview?: boolean;
  /** How the experiment's results are read (docs/experiments.md); every field optional. */
  analysis?: NudgeAnalysis;
}

/**
 * A nudge's analysis settings: guardrail events (events you want no more of,
 * such as a cancellation; the verdict says "better but harms X" when one rises
 * significantly), and the minimum detectable effect (an absolute lift of the
 * goal rate, 0.02 = 2 points) and power that planning uses.
 *
 * @example
 * const a: NudgeAnalysis = { guardrailEvents: ['Subscription Cancelled'], minDetectableEffect: 0.02, power: 0.8 };
 */
export interface NudgeAnalysis {
  guardrailEvents?: string[];
  minDetectableEffect?: number;
  power?: number;
}

/** Which way a score reads. */
export const SCORE_DIRECTIONS = ['higher-is-better', 'higher-is-worse'] as const;

/**
 * `higher-is-better` (engagement, upsell readiness) or `higher-is-worse` (churn risk).
 *
 * @example
 * const d: ScoreDirection = 'higher-is-worse';
 */
export type ScoreDirection = (typeof SCORE_DIRECTIONS)[number];

/**
 * One named score: its own models (segment and lifecycle selection as for a
 * single score), bands (on the models), milestones shared by its models that
 * have none of their own, and actions (nudges whose trigger reads this score).
 * Every user gets every score. See docs/scoring.md "Several scores".
 *
 * @example
 * const churn: ScoreDefinition = { id: 'churnRisk', label: 'Churn risk', direction: 'higher-is-worse', models: [churnModel] };
 */
export interface ScoreDefinition {
  id: string;
  label: string;
  description?: string;
  direction: ScoreDirection;
  models: ScoringModel[];
  milestones?: Milestone[];
  actions?: Nudge[];
}

/**
 * The whole `pulse.config.json`, in either shape: named `scores` (with
 * `defaultScore`, by default the first), or today's single-score `models`
 * (one score, `engagement`). `normalizeConfig` turns either into one form.
 *
 * @example
 * const c: PulseConfig = { models: [model], nudges: [], allowedOrigins: ['https://app.example.com'] };
 */
export interface PulseConfig {
  /** Saved segments: named users-list filters (nudge audiences, webhook triggers). */
  segments?: SegmentDefinition[];
  /** How an account's score is made from its members'. */
  accounts?: AccountSettings;
  /** The single-score shape: the models of the one score `engagement`. */
  models?: ScoringModel[];
  scores?: ScoreDefinition[];
  /** The score today's top-level state fields show (default: the first score). */
  defaultScore?: string;
  nudges?: Nudge[];
  allowedOrigins?: string[];
  retention?: RetentionPolicy;
  /**
   * Events sent with the write key that name a `userId` count toward that user's
   * score only with a valid identity token for it; the others are stored but not
   * scored (docs/reliability.md "Abuse"). Default false.
   */
  requireVerifiedIdentity?: boolean;
}

/**
 * A saved segment: a named filter in the users list's language (query
 * parameters, see `parseUserFilter`).
 *
 * @example
 * const s: SegmentDefinition = { id: 'at-risk', name: 'At risk', filter: { band: 'low', seenAfter: '-14d' } };
 */
export interface SegmentDefinition {
  id: string;
  name: string;
  filter: Record<string, string>;
}

/** How an account's members' scores combine into the account's. */
export const ACCOUNT_AGGREGATIONS = ['mean', 'activity', 'max', 'trait'] as const;

/**
 * `mean` (default), `activity` (mean weighted by each member's scored events in
 * the window), `max`, or `trait` (mean weighted by `weights[member trait]`).
 *
 * @example
 * const a: AccountAggregation = 'activity';
 */
export type AccountAggregation = (typeof ACCOUNT_AGGREGATIONS)[number];

/**
 * Account settings: the aggregation, and for `trait` the member trait and its
 * weights (values not listed weigh 1); `roleTrait` names the member trait shown
 * as the role (default `role`).
 *
 * @example
 * const a: AccountSettings = { aggregation: 'trait', weightTrait: 'role', weights: { admin: 3, member: 1 } };
 */
export interface AccountSettings {
  aggregation?: AccountAggregation;
  weightTrait?: string;
  weights?: Record<string, number>;
  roleTrait?: string;
}
