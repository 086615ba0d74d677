/**
 * Response shapes of the collector's API: its HTTP contract, imported as types only
 * (the dashboard talks to the collector over HTTP; no byte of the collector ships here).
 */
export type {
  AdminKey,
  AdminKeyList,
  ConfigChange,
  ConfigPreview,
  ConfigUpdate,
  ConfigVersionDetail,
  ConfigVersionList,
  ConfigVersionSummary,
  CreatedAdminKey,
  EventNames,
  Me,
  PreviewSide,
  RescoreProgress,
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
  ScoreList,
  ScoreStateResponse,
  ScoreSummary,
  Trend,
  TrendDay,
  UserDetail,
  VariantResult,
} from '@pulse/collector/contract';

/**
 * Thrown for a non-2xx answer; `status` 401 sends the user back to the login,
 * 412 is a change made on a stale version (`body.currentVersion` says which is current).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, message: string, body: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    throw new ApiError(res.status, 'error' in fields ? String(fields.error) : res.statusText, fields);
  }
  return body as T;
}

/**
 * A client for the admin API with the secret key as a Bearer token.
 *
 * @example
 * const api = createApi('', secretKey);
 * const overview = await api.get<Overview>('/v1/admin/overview');
 */
export function createApi(base: string, secretKey: string) {
  const authorization = `Bearer ${secretKey}`;
  return {
    async get<T>(path: string): Promise<T> {
      return answer<T>(await fetch(base + path, { headers: { authorization } }));
    },
    /** A GET that also answers the ETag (the config's version, for `If-Match` on the next write). */
    async getTagged<T>(path: string): Promise<{ data: T; etag: string | null }> {
      const res = await fetch(base + path, { headers: { authorization } });
      return { data: await answer<T>(res), etag: res.headers.get('etag') };
    },
    /** A write; config writes pass the ETag they started from as `ifMatch` (a stale one answers 412). */
    async send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, ifMatch?: string): Promise<T> {
      const headers: Record<string, string> = { authorization };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      const init = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
      return answer<T>(await fetch(base + path, init));
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
