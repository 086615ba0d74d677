import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi, type Me, type ScoreList } from './api.js';
import { hashWithScore, scoreInQuery } from './scores/score-names.js';
import { ScoreSwitcher } from './scores/score-switcher.js';
import { useResource } from './use-resource.js';
import { LazyExperimentsPage } from './pages/experiments/lazy-experiments-page.js';
import { LazyModelsPage } from './pages/models/lazy-models-page.js';
import { LazyNudgesPage } from './pages/nudges/lazy-nudges-page.js';
import { FunnelView } from './views/funnel-view.js';
import { HistoryView } from './views/history-view.js';
import { KeysView } from './views/keys-view.js';
import { IngestionBanner } from './views/ingestion-banner.js';
import { ModelHealthView } from './views/model-health-view.js';
import { OverviewView } from './views/overview.js';
import { AccountPage } from './pages/accounts/account-page.js';
import { AccountsPage } from './pages/accounts/accounts-page.js';
import { UserPage } from './pages/user/user-page.js';
import { UsersPage } from './pages/users/users-page.js';

const KEY_STORAGE = 'pulse.dashboard.secretKey';
const NO_API = createApi('', '');

/** `score`: the score the address picks (`?score=`), null for the default score. */
type Route = { score: string | null } & (
  | { view: 'overview' | 'funnel' | 'experiments' | 'model-health' | 'models' | 'history' | 'keys' }
  | { view: 'users' | 'accounts'; id: string | null; query: string }
  | { view: 'nudges'; id: string | null }
);

function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const [, view = '', id] = path.split('/');
  const score = scoreInQuery(query);
  if (view === 'funnel' || view === 'experiments' || view === 'model-health') return { view, score };
  if (view === 'history' || view === 'keys' || view === 'models') return { view, score };
  if (view === 'nudges') return { view, id: id ? decodeURIComponent(id) : null, score };
  if (view === 'users' || view === 'accounts') return { view, id: id ? decodeURIComponent(id) : null, query, score };
  return { view: 'overview', score };
}

/** The pages that show one score at a time and offer the score switcher. */
const SCORE_VIEWS = new Set(['overview', 'funnel', 'model-health']);

function Login({ onKey, error, checking }: { onKey: (key: string) => void; error: string | null; checking: boolean }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="card login"
      onSubmit={(e) => {
        e.preventDefault();
        onKey(key.trim());
      }}
    >
      <h1>Pulse</h1>
      <label for="secret-key">Secret key or admin key</label>
      <input
        id="secret-key"
        type="password"
        autocomplete="off"
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={checking || key.trim() === ''}>
        {checking ? 'Checking…' : 'Sign in'}
      </button>
      <p class="muted">
        The secret key is printed by `pulse serve` on first start, or set with PULSE_SECRET_KEY. Teammates sign in with
        the key an owner created for them on the Keys page.
      </p>
    </form>
  );
}

/**
 * The dashboard: a secret-key login, then overview, funnel, experiments, users and accounts.
 *
 * @example
 * render(<App base="" />, document.body);
 */
export function App({ base }: { base: string }) {
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(KEY_STORAGE));
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const api = useMemo(() => (key === null ? null : createApi(base, key)), [base, key]);
  // The views load only once the key is known to work, so a wrong key shows one clear message
  // at the login instead of a failed request in every panel.
  const [verified, setVerified] = useState<ReturnType<typeof createApi> | null>(null);
  // Who the key is (role and permissions): the pages hide what it may not do.
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    if (api === null) return;
    let live = true;
    api.get<Me>('/v1/admin/me').then(
      (who) => {
        if (!live) return;
        setMe(who);
        setVerified(api);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) {
          sessionStorage.removeItem(KEY_STORAGE);
          setKey(null);
          setError('That key was not accepted.');
        } else {
          // Any other failure (network, 5xx) is the views' to report, panel by panel; until the
          // role is known, the pages offer reading only.
          setMe({ role: 'analyst', label: 'unknown key', keyId: null, permissions: ['read'] });
          setVerified(api);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  // Every score of the config, for the switcher (null until loaded, or when the collector cannot list them).
  const scoreList = useResource<ScoreList>(verified ?? api ?? NO_API, verified === null ? null : '/v1/admin/scores');
  const scores = scoreList.status === 'ok' ? scoreList.data : null;
  if (api === null || verified !== api || me === null) {
    return (
      <main class="center">
        <Login
          error={error}
          checking={api !== null}
          onKey={(k) => {
            sessionStorage.setItem(KEY_STORAGE, k);
            setError(null);
            setKey(k);
          }}
        />
      </main>
    );
  }
  const tabs = [
    ['overview', 'Overview'],
    ['funnel', 'Funnel'],
    ['nudges', 'Nudges'],
    ['experiments', 'Experiments'],
    ['model-health', 'Model health'],
    ['models', 'Models'],
    ['users', 'Users'],
    ['accounts', 'Accounts'],
    ['history', 'History'],
    ...(me.permissions.includes('keys:manage') ? ([['keys', 'Keys']] as const) : []),
  ] as const;
  const several = scores !== null && scores.scores.length > 1;
  // The picked score, kept while moving between the pages that show one score.
  const scoreQuery = several && route.score !== null ? `?score=${encodeURIComponent(route.score)}` : '';
  const userPage = route.view === 'users' && route.id !== null;
  const switcher =
    scores !== null && (SCORE_VIEWS.has(route.view) || userPage) ? (
      <ScoreSwitcher
        scores={scores}
        value={route.score ?? scores.defaultScore}
        onChange={(id) => {
          location.hash = hashWithScore(location.hash, id, scores.defaultScore);
        }}
      />
    ) : null;
  return (
    <>
      <header class="top">
        <strong class="brand">Pulse</strong>
        <nav>
          {tabs.map(([id, label]) => (
            <a
              key={id}
              href={`#/${id}${SCORE_VIEWS.has(id) ? scoreQuery : ''}`}
              aria-current={route.view === id ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
        <span class="muted who" data-testid="who">
          {me.label} · {me.role}
        </span>
        <button
          class="link"
          onClick={() => {
            sessionStorage.removeItem(KEY_STORAGE);
            setKey(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        <IngestionBanner api={api} />
        {userPage || route.view === 'overview' ? null : switcher}
        {route.view === 'overview' ? (
          <OverviewView api={api} scores={scores} score={route.score} switcher={switcher} />
        ) : null}
        {route.view === 'funnel' ? <FunnelView api={api} score={route.score} /> : null}
        {route.view === 'nudges' ? <LazyNudgesPage api={api} me={me} id={route.id} /> : null}
        {route.view === 'experiments' ? <LazyExperimentsPage api={api} /> : null}
        {route.view === 'model-health' ? <ModelHealthView api={api} score={route.score} /> : null}
        {route.view === 'users' && route.id === null ? <UsersPage api={api} query={route.query} /> : null}
        {route.view === 'users' && route.id !== null ? (
          <UserPage
            key={route.id}
            api={api}
            userId={route.id}
            scores={scores}
            score={route.score}
            switcher={switcher}
          />
        ) : null}
        {route.view === 'accounts' && route.id === null ? <AccountsPage api={api} query={route.query} /> : null}
        {route.view === 'accounts' && route.id !== null ? (
          <AccountPage key={route.id} api={api} accountId={route.id} />
        ) : null}
        {route.view === 'models' ? <LazyModelsPage api={api} me={me} /> : null}
        {route.view === 'history' ? <HistoryView api={api} me={me} /> : null}
        {route.view === 'keys' && me.permissions.includes('keys:manage') ? <KeysView api={api} /> : null}
      </main>
    </>
  );
}
