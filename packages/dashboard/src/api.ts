/**
 * Response shapes of the collector's API: its HTTP contract, imported as types only
 * (the dashboard talks to the collector over HTTP; no byte of the collector ships here).
 */
export type {
  AccountDetail,
  AccountListItem,
  AccountsPage,
  HistoryDay,
  ScoreHistory,
  Segment,
  SegmentList,
  UserListItem,
  UsersPage,
} from '@pulse/collector/contract';
export type {
  Auc,
  ChurnRisk,
  ChurnRiskUser,
  Contribution,
  ExperimentList,
  ExperimentResults,
  Funnel,
  ModelHealth,
  Overview,
  Trend,
  TrendDay,
  UserDetail,
  VariantResult,
} from '@pulse/collector/contract';

/** Thrown for a non-2xx answer; `status` 401 sends the user back to the login. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/**
 * A client for the admin API with the secret key as a Bearer token.
 *
 * @example
 * const api = createApi('', secretKey);
 * const overview = await api.get<Overview>('/v1/admin/overview');
 */
export function createApi(base: string, secretKey: string) {
  return {
    async get<T>(path: string): Promise<T> {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${secretKey}` } });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message =
          typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : res.statusText;
        throw new ApiError(res.status, message);
      }
      return body as T;
    },
    /** Sends JSON with `method` (PUT, POST, DELETE) and reads the JSON answer. */
    async send<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${secretKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message =
          typeof answer === 'object' && answer !== null && 'error' in answer ? String(answer.error) : res.statusText;
        throw new ApiError(res.status, message);
      }
      return answer as T;
    },
    /** Fetches a file (a CSV export) as a Blob, with the key the browser cannot put on a plain link. */
    async file(path: string): Promise<Blob> {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${secretKey}` } });
      if (!res.ok) throw new ApiError(res.status, res.statusText);
      return res.blob();
    },
  };
}

/** The admin API client. */
export type Api = ReturnType<typeof createApi>;
