import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api, Me } from '../../api.js';

type Page = ComponentType<{ api: Api; me: Me }>;
let loaded: Page | null = null;

/**
 * The Models page, loaded on first visit: the editor, the what-if and core's
 * validator stay out of the bundle every other page waits for.
 *
 * @example
 * <LazyModelsPage api={api} me={me} />
 */
export function LazyModelsPage({ api, me }: { api: Api; me: Me }) {
  const [page, setPage] = useState<Page | null>(() => loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (page !== null) return;
    let live = true;
    import('./models-page.js').then(
      (m) => {
        loaded = m.ModelsPage;
        if (live) setPage(() => m.ModelsPage);
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
        Could not load the Models page: {error}
      </p>
    );
  if (page === null)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  const Loaded = page;
  return <Loaded api={api} me={me} />;
}
