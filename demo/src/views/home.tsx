import type { JSX } from 'preact';
import type { Account } from '../accounts.js';
import { Icon } from '../icons.js';
import { hrefOf } from '../route.js';
import type { Project, Workspace } from '../workspace.js';

const greeting = (hour: number) => (hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening');

function timeAgo(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

function ProjectTile({ project }: { project: Project }): JSX.Element {
  const done = project.cards.filter((c) => c.column === 'done').length;
  const total = project.cards.length;
  return (
    <a class={`project-tile swatch-${project.color}`} href={hrefOf({ name: 'board', projectId: project.id })}>
      <span class="project-tile-name">{project.name}</span>
      <span class="muted">{project.description || 'No description yet'}</span>
      <progress class="meter" max={Math.max(total, 1)} value={done} aria-label={`${done} of ${total} cards done`} />
      <span class="project-tile-meta">{total === 0 ? 'No cards yet' : `${done} of ${total} cards done`}</span>
    </a>
  );
}

function Stats({ ws }: { ws: Workspace }): JSX.Element {
  const cards = ws.projects.flatMap((p) => p.cards);
  const items = [
    { label: 'Projects', value: ws.projects.length },
    { label: 'Open cards', value: cards.filter((c) => c.column !== 'done').length },
    { label: 'Done', value: cards.filter((c) => c.column === 'done').length },
    { label: 'Teammates', value: ws.teammates.length },
  ];
  return (
    <dl class="stats">
      {items.map((s) => (
        <div class="stat card" key={s.label}>
          <dt>{s.label}</dt>
          <dd>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The dashboard home: the user's onboarding checklist (`<pulse-checklist>`),
 * workspace numbers, projects and recent activity.
 *
 * @example
 * <HomeView account={account} ws={ws} />
 */
export function HomeView({ account, ws }: { account: Account; ws: Workspace }): JSX.Element {
  const firstName = account.name.split(' ')[0] ?? account.name;
  return (
    <div class="page">
      <header class="page-header">
        <div>
          <h1>
            {greeting(new Date().getHours())}, {firstName}
          </h1>
          <p class="muted">Here's where your workspace stands today.</p>
        </div>
        <a class="button button-primary" href={hrefOf({ name: 'new-project' })}>
          <Icon name="plus" /> New project
        </a>
      </header>

      <div class="home-grid">
        {/* The checklist brings its own card, heading and progress; styles.css matches it to ours. */}
        <pulse-checklist class="onboarding" />
        <Stats ws={ws} />
      </div>

      <section class="section" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects</h2>
        <div class="project-grid">
          {ws.projects.map((p) => (
            <ProjectTile project={p} key={p.id} />
          ))}
          <a class="project-tile project-tile-new" href={hrefOf({ name: 'new-project' })}>
            <Icon name="plus" />
            <span>Create a project</span>
          </a>
        </div>
      </section>

      <section class="section" aria-labelledby="activity-title">
        <h2 id="activity-title">Recent activity</h2>
        {ws.activity.length === 0 ? (
          <p class="empty">Nothing yet. Create a project to get going.</p>
        ) : (
          <ul class="activity card">
            {ws.activity.slice(0, 8).map((a) => (
              <li key={a.id}>
                <span>{a.text}</span>
                <time class="muted" dateTime={a.at}>
                  {timeAgo(a.at)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
