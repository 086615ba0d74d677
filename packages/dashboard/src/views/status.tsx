import type { ComponentChildren } from 'preact';
import type { Resource } from '../use-resource.js';

/**
 * Renders a resource's loading and error states, and the children once loaded.
 *
 * @example
 * <Loaded resource={overview}>{(o) => <p>{o.users}</p>}</Loaded>
 */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  if (resource.status === 'loading')
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  if (resource.status === 'error')
    return (
      <p class="error" role="alert">
        Could not load: {resource.error.message}
      </p>
    );
  return <>{children(resource.data)}</>;
}
