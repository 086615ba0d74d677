import type { JSX } from 'preact';
import { initials, type Account } from './accounts.js';
import { Icon } from './icons.js';
import { hrefOf, type Route } from './route.js';
import type { Project } from './workspace.js';

const TRIAL_DAYS = 14;

function trialDaysLeft(createdAt: string, now = Date.now()): number {
  return Math.max(0, TRIAL_DAYS - Math.floor((now - Date.parse(createdAt)) / 86_400_000));
}

function NavLink(props: { href: string; current: boolean; children: JSX.Element | (JSX.Element | string)[] }) {
  return (
    <a class="nav-link" href={props.href} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

/**
 * The app's navigation: sections, the user's projects and the account. On
 * narrow screens it becomes a top bar (see styles.css).
 *
 * @example
 * <Sidebar account={account} projects={ws.projects} route={route} onSignOut={signOut} />
 */
export function Sidebar(props: {
  account: Account;
  projects: Project[];
  route: Route;
  onSignOut: () => void;
}): JSX.Element {
  const { account, route } = props;
  const openProject = route.name === 'board' ? (route.projectId ?? props.projects[0]?.id) : undefined;
  return (
    <aside class="sidebar">
      <a class="brand" href="#/">
        <span class="brand-mark" aria-hidden="true" />
        Tasklane
      </a>
      <nav class="nav" aria-label="Main">
        <NavLink href={hrefOf({ name: 'home' })} current={route.name === 'home'}>
          <Icon name="home" /> Home
        </NavLink>
        <NavLink href={hrefOf({ name: 'board', projectId: null })} current={route.name === 'board'}>
          <Icon name="board" /> Board
        </NavLink>
        <NavLink href={hrefOf({ name: 'team' })} current={route.name === 'team'}>
          <Icon name="users" /> Team
        </NavLink>
      </nav>
      <nav class="projects-nav" aria-label="Projects">
        <h2 class="nav-heading">Projects</h2>
        <ul>
          {props.projects.map((p) => (
            <li key={p.id}>
              <a
                class="nav-link nav-project"
                href={hrefOf({ name: 'board', projectId: p.id })}
                aria-current={openProject === p.id ? 'page' : undefined}
              >
                <span class={`dot swatch-${p.color}`} aria-hidden="true" />
                {p.name}
              </a>
            </li>
          ))}
        </ul>
        <a class="nav-link nav-new" href={hrefOf({ name: 'new-project' })}>
          <Icon name="plus" /> New project
        </a>
      </nav>
      <div class="sidebar-footer">
        <div class="account">
          <span class="avatar">{initials(account.name)}</span>
          <span class="account-name">
            {account.name}
            <span class="muted">Trial · {trialDaysLeft(account.createdAt)} days left</span>
          </span>
        </div>
        <a class="nav-link" href={`/script-tag.html${location.search}`}>
          <Icon name="code" /> Script-tag page
        </a>
        <button class="nav-link" type="button" onClick={props.onSignOut}>
          <Icon name="logout" /> Sign out
        </button>
      </div>
    </aside>
  );
}
