import { useEffect, useState } from 'preact/hooks';

/**
 * The app's screens. Routing uses the URL hash so that the collector can serve
 * the demo as plain static files (no server-side fallback for deep links), and
 * so milestone and nudge links like `/#/team` work from any page.
 */
export type Route =
  | { name: 'home' }
  | { name: 'new-project' }
  | { name: 'board'; projectId: string | null }
  | { name: 'team' }
  | { name: 'not-found' };

/**
 * The route for a `location.hash`; `#/board` means "the latest project's board".
 *
 * @example
 * parseRoute('#/projects/prj_1'); // → { name: 'board', projectId: 'prj_1' }
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/projects/new') return { name: 'new-project' };
  if (path === '/board') return { name: 'board', projectId: null };
  if (path === '/team') return { name: 'team' };
  const board = /^\/projects\/([\w-]+)$/.exec(path);
  if (board?.[1] !== undefined) return { name: 'board', projectId: board[1] };
  return { name: 'not-found' };
}

/**
 * The hash link to a route.
 *
 * @example
 * hrefOf({ name: 'team' }); // → '#/team'
 */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'new-project':
      return '#/projects/new';
    case 'board':
      return route.projectId === null ? '#/board' : `#/projects/${route.projectId}`;
    case 'team':
      return '#/team';
    case 'not-found':
      return '#/';
  }
}

/**
 * Navigates to a route (a new history entry, like a link).
 *
 * @example
 * navigate({ name: 'board', projectId: project.id });
 */
export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

/**
 * The current route, updated on every hash change.
 *
 * @example
 * const route = useRoute();
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
