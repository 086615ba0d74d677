import type { JSX } from 'preact';
import { initials } from '../accounts.js';
import { Icon } from '../icons.js';
import { hrefOf } from '../route.js';
import type { WorkspaceActions } from '../use-workspace.js';
import { COLUMNS } from '../workspace.js';
import { BoardColumn } from './board-column.js';

/**
 * A project's kanban board; `projectId: null` opens the latest project (the
 * milestones link to `#/board`), and without projects it invites creating one.
 *
 * @example
 * <BoardView actions={actions} projectId={route.projectId} />
 */
export function BoardView({
  actions,
  projectId,
}: {
  actions: WorkspaceActions;
  projectId: string | null;
}): JSX.Element {
  const { ws } = actions;
  const project = projectId === null ? ws.projects[0] : ws.projects.find((p) => p.id === projectId);
  if (project === undefined) {
    return (
      <div class="page">
        <div class="card empty-state">
          <h1>{projectId === null ? 'No boards yet' : 'Project not found'}</h1>
          <p class="muted">Every project comes with a board. Create one to start planning.</p>
          <a class="button button-primary" href={hrefOf({ name: 'new-project' })}>
            <Icon name="plus" /> Create a project
          </a>
        </div>
      </div>
    );
  }
  const teammates = ws.teammates.filter((t) => t.projectId === null || t.projectId === project.id);
  return (
    <div class="page page-wide">
      <header class="page-header">
        <div class="board-title">
          <span class={`dot swatch-${project.color}`} aria-hidden="true" />
          <div>
            <h1>{project.name}</h1>
            {project.description && <p class="muted">{project.description}</p>}
          </div>
        </div>
        <div class="board-team">
          <ul class="avatars" aria-label="People on this project">
            {teammates.slice(0, 4).map((t) => (
              <li class="avatar avatar-small" key={t.email} title={t.email}>
                {initials(t.email)}
              </li>
            ))}
          </ul>
          <a class="button" href={hrefOf({ name: 'team' })}>
            <Icon name="users" /> Invite
          </a>
        </div>
      </header>
      <div class="kanban">
        {COLUMNS.map((column) => (
          <BoardColumn
            key={column.id}
            column={column}
            cards={project.cards.filter((c) => c.column === column.id)}
            onMove={(cardId, to) => actions.moveCardTo(project.id, cardId, to)}
            onAdd={column.id === 'todo' ? (title) => actions.createCard(project.id, title) : undefined}
          />
        ))}
      </div>
    </div>
  );
}
