/** Response shapes of the collector's admin API (see docs/api.md); the dashboard talks to it over HTTP only. */

export interface Contribution {
  signal: string;
  event: string;
  n: number;
  points: number;
  capped: boolean;
}

export interface Overview {
  users: number;
  averageScore: number | null;
  histogram: { from: number; to: number; count: number }[];
  bands: { id: string; label?: string; min: number; count: number }[];
  asOf: string;
}

export interface TrendDay {
  date: string;
  averageScore: number | null;
  users: number;
  bands: Record<string, number>;
}

export interface ChurnRiskUser {
  userId: string;
  from: string;
  to: string;
  score: number;
  previousScore: number;
  contributions: Contribution[];
}

export interface Funnel {
  total: number;
  milestones: { id: string; title: string; completed: number }[];
}

export interface VariantResult {
  id: string;
  control: boolean;
  weight: number;
  exposed: number;
  converted: number;
  rate: number | null;
  rateCi: [number, number] | null;
  lift: number | null;
  liftCi: [number, number] | null;
  relativeLift: number | null;
  pValue: number | null;
  meanScoreChange: number | null;
}

export interface ExperimentResults {
  nudgeId: string;
  status: string;
  confidence: number;
  controlId: string | null;
  variants: VariantResult[];
  srm: { chiSquared: number; pValue: number; flagged: boolean; threshold: number };
  verdict: { kind: string; variant: string | null; text: string };
}

export interface UserDetail {
  userId: string;
  traits: Record<string, unknown>;
  state: {
    score: number;
    band: string;
    points: number;
    modelId: string;
    contributions: Contribution[];
    milestones: { done: number; total: number; items: { id: string; title: string; done: boolean }[] };
  };
  events: { type: string; event?: string; name?: string; timestamp: string; properties?: Record<string, unknown> }[];
}

/** ROC AUC with its DeLong 95% CI (null when everyone or no one had the outcome). */
export interface Auc {
  auc: number | null;
  se: number | null;
  ci: [number, number] | null;
  positives: number;
  negatives: number;
}

/** One band's outcome rate; `lift` is the rate over the other bands' rate. */
export interface BandOutcome {
  id: string;
  min: number;
  label?: string;
  users: number;
  outcomes: number;
  rate: number | null;
  lift: number | null;
}

/** `GET /v1/admin/model-health`: how well the score predicts an outcome, and a suggested model. */
export interface ModelHealth {
  modelId: string;
  outcomeText: string;
  at: string;
  horizon: string;
  users: number;
  positives: number;
  rate: number | null;
  current: {
    auc: Auc;
    bands: BandOutcome[];
    deciles: { decile: number; minScore: number; maxScore: number; users: number; meanScore: number; rate: number }[];
  };
  signals: {
    id: string;
    event: string;
    coefficient: number;
    perCount: number;
    currentWeight: number;
    suggestedWeight: number;
  }[];
  suggestion: {
    model: { bands: { id: string; min: number }[]; scale: { maxPoints: number } };
    config: unknown;
    fit: { penalty: string; strength: number; trainUsers: number };
    heldOut: { users: number; positives: number; current: Auc; suggested: Auc; bands: BandOutcome[] };
  } | null;
  aucOverTime: {
    date: string;
    users: number;
    positives: number;
    auc: number | null;
    ci: [number, number] | null;
    recordedAuc: number | null;
    recordedUsers: number;
  }[];
  warnings: string[];
}

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
  };
}

/** The admin API client. */
export type Api = ReturnType<typeof createApi>;
