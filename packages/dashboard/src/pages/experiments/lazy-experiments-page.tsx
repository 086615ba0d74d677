import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../../api.js';

type Page = ComponentType<{ api: Api }>;
let loaded: Page | null = null;

/**
 * The Experiments page, loaded on first visit: its code (the largest page's)
 * stays out of the bundle every other page waits for.
 *
 * @example
 * <LazyExperimentsPage api={api} />
 */
export function LazyExperimentsPage({ api }: { api: Api }) {
  const [page, setPage] = useState<Page | null>(() => loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (page !== null) return;
    let live = true;
    import('./experiments-page.js').then(
      (m) => {
        loaded = m.ExperimentsPage;
        if (live) setPage(() => m.ExperimentsPage);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [page]);
  if (error !== null)
    return (
      <p class="error" role="alert">
        Could not load the Experiments page: {error}
      </p>
    );
  if (page === null)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  const Loaded = page;
  return <Loaded api={api} />;
}
