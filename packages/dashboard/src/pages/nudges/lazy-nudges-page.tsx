import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api, Me } from '../../api.js';

type Props = { api: Api; me: Me; id: string | null };
type Page = ComponentType<Props>;
let loaded: Page | null = null;

/**
 * The Nudges page, loaded on first visit: the editor, core's validator and the
 * widget's elements (for the live preview) stay out of the first load.
 *
 * @example
 * <LazyNudgesPage api={api} me={me} id={null} />
 */
export function LazyNudgesPage(props: Props) {
  const [page, setPage] = useState<Page | null>(() => loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (page !== null) return;
    let live = true;
    import('./nudges-page.js').then(
      (m) => {
        loaded = m.NudgesPage;
        if (live) setPage(() => m.NudgesPage);
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
        Could not load the Nudges page: {error}
      </p>
    );
  if (page === null)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  const Loaded = page;
  return <Loaded {...props} />;
}
