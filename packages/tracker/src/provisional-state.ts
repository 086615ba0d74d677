import {
  addEvent,
  createRollup,
  normalizeConfig,
  scoredUser,
  selectModel,
  type NormalizedConfig,
  type Nudge,
  type ScorableEvent,
  type ScoreDefinition,
  type ScoredUser,
  type ScoreState,
  type UserState,
} from '@pulse/core';
import { monotonicNow } from './clock.js';
import { NO_STATE } from './inert-tracker.js';
import type { StateHost, StateSource, TrackerState, TrackerUser } from './types.js';

/** Events of this user that the last server state does not include yet. */
interface PendingEvent {
  id: string;
  event: ScorableEvent;
  /** Stored by the collector, so the next server state will include it (once `key` is linked to the user). */
  stored: boolean;
  /** Whose event it was when tracked: an anonymous visitor's events join the user only once identify is stored. */
  key?: string;
}

/** What `save()` keeps in localStorage, plus this page's own `_` flags (renamed in builds, never stored). */
interface Provisional {
  config: NormalizedConfig | null;
  _configLoading?: boolean;
  /** The user the state below belongs to. */
  userKey: string;
  /** The last state the collector sent for this user. */
  base: (UserState & { segments?: string[] }) | null;
  /** `base` was fetched by this page (a cached one from an earlier page is only a starting point). */
  _fresh?: boolean;
  pending: PendingEvent[];
  /** An identify or alias of this user is stored, so the collector has merged the earlier identity's events. */
  _linked?: boolean;
  _loading?: boolean;
  _reload?: boolean;
  /** Log positions of acknowledged events the next state read waits for (`?after=`). */
  _after?: string | undefined;
  _memo?: { state: TrackerState; at: number } | undefined;
  _saveTimer?: ReturnType<typeof setTimeout> | undefined;
  /** The tracker was destroyed: answers still arriving change nothing. */
  _stopped?: boolean;
  /** The draft nudge a preview link (`?pulse_preview=<token>`) shows in this page; `null` while it loads. */
  _preview?: Nudge | null;
}

/** Bounds what an anonymous user without a server state accumulates in localStorage. */
const MAX_PENDING = 500;
/** A memoised state is recomputed at least this often, as inactivity and windows move with time. */
const MEMO_MS = 60_000;

async function getJson(url: string, headers?: Record<string, string>): Promise<unknown> {
  try {
    // no-cache: revalidate with the ETag instead of trusting a stale copy
    const res = await fetch(url, { headers, cache: 'no-cache' });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The tracker's `state()`: fetches `/v1/config`, keeps this user's events not
 * yet reflected in the collector's answer, and scores them with @pulse/core's
 * `scoredUser`, the scoring the collector runs, over the server's rollup merged
 * with those events. So the state moves at once on `track` (including the
 * widget's `Nudge …` events, which reach the rollup), and once the queue is
 * flushed and the state refetched it is the collector's state exactly
 * (`source: 'authoritative'`, with the collector's nudge decisions). A
 * provisional state has no `nudges`: `userNudges` from @pulse/core decides them
 * from its rollup (the widget does). Pass it as the `state` option; bundles
 * that don't import it don't carry the scorer.
 *
 * @example
 * const pulse = createTracker({ writeKey: 'pk_live', host: 'https://pulse.example.com', state: provisionalState });
 * pulse.on('state', ({ user }) => user && render(user.score, user.band));
 */
export function provisionalState(host: StateHost): StateSource {
  const storageKey = `pulse:${host.writeKey}:state`;
  const p: Provisional = { config: null, userKey: host.user().userKey, base: null, pending: [] };
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Partial<Provisional> | null;
    p.config = saved?.config ? normalizeConfig(saved.config) : null;
    if (saved?.userKey === p.userKey) {
      if (isObject(saved.base?.rollup)) p.base = saved.base;
      if (Array.isArray(saved.pending)) p.pending = saved.pending.filter((e) => isObject(e?.event));
    }
  } catch {
    // unreadable or blocked storage: start empty
  }

  function save(): void {
    clearTimeout(p._saveTimer);
    p._saveTimer = undefined;
    try {
      const { config, userKey, base, pending } = p;
      if (host.allowed()) localStorage.setItem(storageKey, JSON.stringify({ config, userKey, base, pending }));
      else localStorage.removeItem(storageKey);
    } catch {
      // a full storage costs only the head start on the next load
    }
  }

  function changed(): void {
    if (p._stopped) return;
    p._memo = undefined;
    p._saveTimer ??= setTimeout(save, 1000); // localStorage is synchronous: write at most once a second
    host.changed();
  }

  function loadConfig(): void {
    if (p._configLoading || p._stopped || !host.allowed()) return;
    p._configLoading = true;
    void getJson(`${host.host}/v1/config?writeKey=${encodeURIComponent(host.writeKey)}`).then((config) => {
      p._configLoading = false;
      if (isObject(config) && Array.isArray(config.scores ?? config.models)) {
        p.config = normalizeConfig(config);
        changed();
      }
    });
  }

  /**
   * A preview link (`?pulse_preview=<token>`, URL-safe): the collector checks the
   * token's signature and expiry and answers the draft, which this page alone
   * shows (the widget records nothing for a `preview` nudge, so no other user
   * and no result is touched). No state until the answer: the slot's live nudge
   * must not flash (and log an exposure) first.
   */
  function loadPreview(): void {
    const token = /[?&]pulse_preview=([^&#]+)/.exec(location.search)?.[1];
    if (!token) return;
    p._preview = null;
    void getJson(`${host.host}/v1/preview/nudge?token=${token}`).then((answer) => {
      p._preview = (answer as { nudge?: Nudge } | null)?.nudge;
      changed();
    });
  }

  /** The state with the previewed draft first among the nudges, decided eligible. */
  function withPreview(state: TrackerState): TrackerState {
    const nudge = p._preview;
    const { config, user } = state;
    if (nudge === null) return NO_STATE;
    if (!nudge || !user) return state;
    const decision = { nudgeId: nudge.id, eligible: true, reason: 'eligible' as const, variant: nudge.variants[0]! };
    return {
      ...state,
      config: { ...config!, nudges: [nudge, ...config!.nudges] },
      user: { ...user, nudges: [decision, ...(user.nudges ?? [])] },
    };
  }

  function reloadUser(): void {
    const { userKey, userId, userToken } = host.user();
    if (!userId || !userToken || p._stopped || !host.allowed()) return;
    if (p._loading) return void (p._reload = true);
    p._loading = true;
    // Only events stored before the request started are surely in the answer, and
    // an earlier identity's events only once the collector has linked it to this user.
    const stored = new Set(p.pending.filter((e) => e.stored && (p._linked || e.key === userKey)));
    // With the collector's event log, wait for the events this tab had acknowledged.
    const after = p._after ? `?after=${encodeURIComponent(p._after)}` : '';
    p._after = undefined;
    const url = `${host.host}/v1/users/${encodeURIComponent(userId)}/state${after}`;
    void getJson(url, { 'X-Pulse-User-Token': userToken }).then((state) => {
      p._loading = false;
      if (isObject(state) && isObject(state.rollup) && p.userKey === userKey) {
        p.base = state as unknown as UserState;
        p._fresh = true;
        p.pending = p.pending.filter((e) => !stored.has(e));
        changed();
      }
      if (p._reload) {
        p._reload = false;
        reloadUser();
      }
    });
  }

  function scoreOne(config: NormalizedConfig, def: ScoreDefinition, now: number): ScoredUser | undefined {
    const { base, pending } = p;
    const { traits, userKey } = host.user();
    const told = base?.scores?.[def.id] ?? (def.id === base?.scoreId ? base : undefined);
    // The traits this page identified with decide the model when they name a trait a
    // model selects on (the collector will apply them once the identify is stored);
    // otherwise the model the collector last applied.
    const decisive = def.models.some((m) => m.appliesTo && Object.hasOwn(traits, m.appliesTo.trait));
    const model =
      (decisive ? undefined : def.models.find((m) => m.id === told?.modelId)) ?? selectModel(def.models, traits);
    if (!model) return undefined;
    const start = told?.rollup.modelId === model.id ? structuredClone(told.rollup) : createRollup(model.id);
    // One model in the score pins the choice to the model the collector applied.
    return scoredUser({
      config: { scores: [{ ...def, models: [model] }], nudges: config.nudges },
      rollups: { [model.id]: pending.reduce((r, e) => addEvent(r, e.event, model), start) },
      traits,
      userKey,
      now,
    });
  }

  function compute(config: NormalizedConfig): TrackerState {
    const { base, pending } = p;
    const scores: Record<string, TrackerUser> = {};
    if (base && p._fresh && !pending.length) {
      for (const [id, s] of Object.entries(base.scores ?? {}))
        scores[id] = { ...s, userKey: base.userKey, asOf: base.asOf };
      return { source: 'authoritative', config, user: base, scores };
    }
    const now = monotonicNow() + host.skew();
    // `user.scores` has the collector's shape (label and direction, no userKey or asOf), so a
    // provisional user equals the authoritative one on the same events.
    const states: Record<string, ScoreState> = {};
    for (const def of config.scores) {
      const user = scoreOne(config, def, now);
      if (!user) continue;
      scores[def.id] = user;
      const { userKey: _k, asOf: _a, ...rest } = user;
      states[def.id] = { ...rest, label: def.label, direction: def.direction };
    }
    const main = scores[config.defaultScore];
    // Segment membership is the collector's to decide: the last one it told holds until the next answer.
    if (!main) return NO_STATE;
    const user = { ...main, scores: states, ...(base?.segments && { segments: base.segments }) };
    return { source: 'provisional', config, user, scores };
  }

  const onHide = () => p._saveTimer && save();
  addEventListener('pagehide', onHide);
  loadConfig();
  loadPreview();
  reloadUser();

  return {
    event(e) {
      const timestamp = Date.parse(e.timestamp ?? '') + host.skew(); // where the collector will file it
      const event: ScorableEvent = { type: e.type, event: e.event, properties: e.properties, timestamp };
      if (p.pending.push({ id: e.messageId, event, stored: false, key: host.user().userKey }) > MAX_PENDING)
        p.pending.shift();
      changed();
    },
    settled(ids, stored, position) {
      if (position) p._after = p._after ? `${p._after},${position}` : position;
      const settled = new Set(ids);
      const mine = p.pending.filter((e) => settled.has(e.id));
      if (!mine.length) return;
      for (const e of mine) {
        e.stored = stored;
        if (stored && (e.event.type === 'identify' || e.event.type === 'alias') && e.key === p.userKey)
          p._linked = true;
      }
      // Refused or dropped events will never be in the collector's state.
      if (!stored) p.pending = p.pending.filter((e) => !settled.has(e.id));
      changed();
      if (stored) reloadUser();
      if (!p.config) loadConfig();
    },
    user(switched) {
      const { userKey } = host.user();
      if (switched) p.pending = [];
      if (switched || userKey !== p.userKey) {
        p.base = null;
        p._fresh = p._linked = false;
      }
      p.userKey = userKey;
      changed();
      if (!p.config) loadConfig();
      reloadUser();
    },
    stop() {
      removeEventListener('pagehide', onHide);
      if (p._saveTimer) save();
      p._stopped = true;
    },
    get() {
      const now = Date.now();
      if (!p.config) return NO_STATE;
      if (!p._memo || now - p._memo.at > MEMO_MS) {
        let state = NO_STATE;
        try {
          state = withPreview(compute(p.config));
        } catch {
          // a config the scorer can't use: no state rather than an exception in the host's render
        }
        p._memo = { state, at: now };
      }
      return p._memo.state;
    },
  };
}
