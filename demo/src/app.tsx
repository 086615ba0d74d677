import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentAccount, signOut, type Account } from './accounts.js';
import type { DemoTracker } from './pulse.js';
import { hrefOf, navigate, useRoute, type Route } from './route.js';
import { Sidebar } from './sidebar.js';
import { useWorkspace } from './use-workspace.js';
import { BoardView } from './views/board.js';
import { HomeView } from './views/home.js';
import { NewProjectView } from './views/new-project.js';
import { SignupView } from './views/signup.js';
import { TeamView } from './views/team.js';

const PAGE_NAMES: Record<Route['name'], string> = {
  home: 'Home',
  'new-project': 'New Project',
  board: 'Board Viewed',
  team: 'Team',
  'not-found': 'Not Found',
};

function Workspace(props: { account: Account; tracker: DemoTracker; onSignOut: () => void }): JSX.Element {
  const route = useRoute();
  const actions = useWorkspace(props.account, props.tracker);
  const boardId = route.name === 'board' ? (route.projectId ?? actions.ws.projects[0]?.id ?? null) : null;

  useEffect(() => {
    props.tracker.page(PAGE_NAMES[route.name], boardId === null ? {} : { projectId: boardId });
  }, [hrefOf(route), boardId]);

  let view: JSX.Element;
  if (route.name === 'home') view = <HomeView account={props.account} ws={actions.ws} />;
  else if (route.name === 'new-project') view = <NewProjectView actions={actions} />;
  else if (route.name === 'board') view = <BoardView actions={actions} projectId={route.projectId} />;
  else if (route.name === 'team') view = <TeamView account={props.account} actions={actions} />;
  else
    view = (
      <div class="page card empty-state">
        <h1>Page not found</h1>
        <a class="button" href="#/">
          Back home
        </a>
      </div>
    );

  return (
    <div class="app">
      {/* The hash is the router's, so the skip link moves focus itself. */}
      <a
        class="skip-link"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        Skip to content
      </a>
      <Sidebar account={props.account} projects={actions.ws.projects} route={route} onSignOut={props.onSignOut} />
      <div class="main">
        <pulse-nudge placement="banner" />
        <main class="content" id="content" tabIndex={-1}>
          {view}
        </main>
      </div>
      {/* Tooltip nudges wait for their anchor (the board's "Add card" button) to appear. */}
      <pulse-nudge placement="tooltip" />
      <pulse-widget />
    </div>
  );
}

/**
 * The demo app: the sign-up screen until someone signs in, then the workspace.
 * Signing out ends the Pulse session and resets the tracker, so the next person
 * on this browser starts as a new anonymous visitor.
 *
 * @example
 * render(<App tracker={tracker} endSession={endSession} />, root);
 */
export function App(props: { tracker: DemoTracker; endSession: () => void }): JSX.Element {
  const [account, setAccount] = useState(currentAccount);
  if (account === null) return <SignupView tracker={props.tracker} onSignedIn={setAccount} />;
  const onSignOut = () => {
    props.endSession();
    props.tracker.reset();
    signOut();
    setAccount(null);
    navigate({ name: 'home' });
  };
  return <Workspace key={account.userId} account={account} tracker={props.tracker} onSignOut={onSignOut} />;
}
