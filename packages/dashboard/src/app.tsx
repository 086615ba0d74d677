import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi } from './api.js';
import { ExperimentsView } from './views/experiments-view.js';
import { FunnelView } from './views/funnel-view.js';
import { IngestionBanner } from './views/ingestion-banner.js';
import { ModelHealthView } from './views/model-health-view.js';
import { OverviewView } from './views/overview.js';
import { UserView } from './views/user-view.js';

const KEY_STORAGE = 'pulse.dashboard.secretKey';

type Route =
  { view: 'overview' | 'funnel' | 'experiments' | 'model-health' } | { view: 'users'; userId: string | null };

function parseRoute(hash: string): Route {
  const [, view = '', id] = hash.replace(/^#/, '').split('/');
  if (view === 'funnel' || view === 'experiments' || view === 'model-health') return { view };
  if (view === 'users') return { view, userId: id ? decodeURIComponent(id) : null };
  return { view: 'overview' };
}

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
      <label for="secret-key">Secret key</label>
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
      <p class="muted">The secret key is printed by `pulse serve` on first start, or set with PULSE_SECRET_KEY.</p>
    </form>
  );
}

/**
 * The dashboard: a secret-key login, then overview, funnel, experiments and user lookup.
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
  useEffect(() => {
    if (api === null) return;
    let live = true;
    api.get('/v1/admin/overview').then(
      () => live && setVerified(api),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) {
          sessionStorage.removeItem(KEY_STORAGE);
          setKey(null);
          setError('That key was not accepted.');
        } else {
          // Any other failure (network, 5xx) is the views' to report, panel by panel.
          setVerified(api);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (api === null || verified !== api) {
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
    ['experiments', 'Experiments'],
    ['model-health', 'Model health'],
    ['users', 'Users'],
  ] as const;
  return (
    <>
      <header class="top">
        <strong class="brand">Pulse</strong>
        <nav>
          {tabs.map(([id, label]) => (
            <a key={id} href={`#/${id}`} aria-current={route.view === id ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
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
        {route.view === 'overview' ? <OverviewView api={api} /> : null}
        {route.view === 'funnel' ? <FunnelView api={api} /> : null}
        {route.view === 'experiments' ? <ExperimentsView api={api} /> : null}
        {route.view === 'model-health' ? <ModelHealthView api={api} /> : null}
        {route.view === 'users' ? <UserView api={api} userId={route.userId} /> : null}
      </main>
    </>
  );
}
