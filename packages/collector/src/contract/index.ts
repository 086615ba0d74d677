// The HTTP contract as types only, for `import type` from `@pulse/collector/contract`
// (the dashboard's API client): the JSON schemas in this folder are the source, and
// the collector's routes validate, serialise and document with them (/openapi.json).
export type { AnalysisMethod, BayesianArm, CupedResult, DayResult, Decision } from './experiment-results.js';
export type { ExperimentResults, GuardrailResult, Harm, LiftEstimate, Planning } from './experiment-results.js';
export type { VariantResult, Verdict } from './experiment-results.js';
export type { ChurnRisk, ChurnRiskUser, Contribution, Erasure, Funnel, Overview } from './admin.js';
export type { Trend, TrendDay, UserDetail } from './admin.js';
export type { ErrorBody, Interval } from './common.js';
export type { ConfigBody, ConfigUpdate, InvalidConfig, PublicConfig } from './config.js';
export type { ExperimentList, PlanningQuery } from './experiments.js';
export type { BatchRequest, DiagnosticsRequest, DiagnosticsResponse, IngestEvent, IngestResponse } from './ingest.js';
export type { Auc, AucPoint, BandOutcome, Decile, ModelHealth, ModelHealthQuery, OutcomeSpec } from './model-health.js';
export type { SignalFit } from './model-health.js';
export type { DevToken, Health, SourceConfig } from './ops.js';
export type { AdminKey, AdminKeyList, CreatedAdminKey, Me, NewAdminKey, RevokedKey } from './keys.js';
export type { ConfigChange, ConfigVersionDetail, ConfigVersionList, ConfigVersionSummary } from './versions.js';
export type { RollbackRequest } from './versions.js';
export type { AccountDetail, AccountListItem, AccountMember, AccountsPage, AccountsQuery } from './accounts.js';
export type { Segment, SegmentBody, SegmentList } from './segments.js';
export type {
  HistoryDay,
  HistoryQuery,
  ScoreHistory,
  UserFilterParams,
  UserListItem,
  UsersPage,
  UsersQuery,
} from './users.js';
export type { GroupScore, GroupState, ScoreStateResponse, ScoreTrend, UserStateResponse } from './state.js';
export type { ScoreList, ScoreQuery, ScoreSummary } from './scores.js';
export type { IngestionStatus } from './ingestion.js';
export type { AccountBandChanged, SegmentChanged, UserBandChanged } from './webhooks.js';
export type { ConfigPreview, EventNames, PreviewRequest, PreviewSide, RescoreProgress } from './preview.js';
