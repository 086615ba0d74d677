import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api.js';

/** What a view shows while its data loads, when it arrived, or when it failed. */
export type Resource<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: Error };

/**
 * Loads `path` from the admin API and re-renders when it arrives or fails.
 *
 * @example
 * const overview = useResource<Overview>(api, '/v1/admin/overview');
 */
export function useResource<T>(api: Api, path: string | null): Resource<T> {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState({ status: 'loading' });
    api.get<T>(path).then(
      (data) => live && setState({ status: 'ok', data }),
      (error: Error) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [api, path]);
  return state;
}
