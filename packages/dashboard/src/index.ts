export { App } from './app.js';
export { ApiError, createApi } from './api.js';
export type {
  Api,
  ChurnRiskUser,
  ExperimentResults,
  Funnel,
  Overview,
  TrendDay,
  UserDetail,
  VariantResult,
} from './api.js';
