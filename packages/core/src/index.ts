export { assignVariant, fnv1a32, hashBucket } from './assign.js';
export { matchesAll, matchesFilter, matchName } from './match.js';
export { milestoneProgress } from './milestones.js';
export type { MilestoneProgress, MilestoneState } from './milestones.js';
export { EVENT_TYPES, LIMITS, normalizeTimestamp } from './protocol.js';
export type { BatchRequest, EventType, IngestResponse, JsonObject, PulseEvent } from './protocol.js';
export { ACCOUNT_AGGREGATIONS, EXPERIMENT_STATUSES, PLACEMENTS, SCORE_DIRECTIONS, SIGNAL_COUNTS } from './model.js';
export type {
  AccountAggregation,
  AccountSettings,
  Band,
  ExperimentStatus,
  InactivityRule,
  LifecycleRule,
  Milestone,
  Nudge,
  NudgeAnalysis,
  NudgeContent,
  NudgeVariant,
  Placement,
  PropertyFilter,
  PulseConfig,
  RetentionPolicy,
  SegmentDefinition,
  Scalar,
  ScoreDefinition,
  ScoreDirection,
  ScoringModel,
  Signal,
  SignalCount,
} from './model.js';
export { NUDGE_REASONS, nudgeDecision, nudgeDecisions } from './nudges.js';
export type { NudgeContext, NudgeDecision, NudgeReason } from './nudges.js';
export { addEvent, createRollup, mergeRollups, numericValue } from './rollup.js';
export type { DayStat, NudgeState, Rollup, ScorableEvent } from './rollup.js';
export { isSafeHref } from './safe-href.js';
export { bandOf, inactivityPoints, roundPoints, score, signalCount, signalPoints } from './score.js';
export type { Contribution, ScoreResult, SignalDay } from './score.js';
export { scoreEvents } from './score-events.js';
export { selectModel } from './select-model.js';
export { matchesLifecycle, selectLifecycleModel } from './select-lifecycle-model.js';
export type { LifecycleFacts } from './select-lifecycle-model.js';
export { retentionIssues } from './check-retention.js';
export { DAY_MS, isoWeek, toMillis, utcDay } from './time.js';
export { assertConfig, validateConfig } from './validate-config.js';
export { assertModel, ModelValidationError, validateMilestones, validateModel } from './validate-model.js';
export type { ValidationIssue } from './validate-model.js';
export { parseIsoTimestamp } from './iso-time.js';
export { getOwn, isRecord, setOwn } from './own.js';
export { isIsoTimestamp, validateEvent } from './validate-event.js';
export { utf8Length } from './utf8-length.js';
export { retryAfterMs } from './retry-after.js';
export type { EventValidation } from './validate-event.js';
export { scoredScores, scoredUser, userNudges, userState } from './user-state.js';
export type { ScoredUser, ScoreState, UserState, UserStateInput } from './user-state.js';
export { LEGACY_SCORE_ID, normalizeConfig, scoreDefinition, scoreOfModel } from './normalize-config.js';
export type { NormalizedConfig } from './normalize-config.js';
export { DEV, warnOnce } from './dev-warn.js';
export { parseTimeRef, parseUserFilter, resolveTime, USER_FILTER_KEYS } from './user-filter.js';
export type { KnownIds, TimeRef, UserFilter } from './user-filter.js';
export { accountIssues, segmentIssues } from './validate-segments.js';
