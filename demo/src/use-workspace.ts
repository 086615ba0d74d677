import { useCallback, useState } from 'preact/hooks';
import type { Account } from './accounts.js';
import type { DemoTracker } from './pulse.js';
import {
  addCard,
  addProject,
  inviteTeammate,
  loadWorkspace,
  moveCard,
  saveWorkspace,
  totalCards,
  type ColumnId,
  type Project,
  type ProjectColor,
  type Role,
  type Workspace,
} from './workspace.js';

/** The workspace and the actions a user takes on it, each tracked as a Pulse event. */
export interface WorkspaceActions {
  ws: Workspace;
  createProject(input: { name: string; description: string; color: ProjectColor }): Project;
  createCard(projectId: string, title: string): void;
  moveCardTo(projectId: string, cardId: string, to: ColumnId): void;
  invite(input: { email: string; role: Role; projectId: string | null }): void;
}

/**
 * The signed-in user's workspace, persisted on every change. This is where the
 * product tells Pulse what happened: the event names and properties here are the
 * ones `demo/pulse.config.json` scores and turns into milestones.
 *
 * @example
 * const { ws, createCard } = useWorkspace(account, tracker);
 */
export function useWorkspace(account: Account, tracker: DemoTracker): WorkspaceActions {
  const [ws, setWs] = useState(() => loadWorkspace(account.userId));
  const commit = useCallback(
    (next: Workspace) => {
      saveWorkspace(account.userId, next);
      setWs(next);
    },
    [account.userId],
  );

  const createProject = (input: { name: string; description: string; color: ProjectColor }) => {
    const { ws: next, project } = addProject(ws, input);
    commit(next);
    tracker.track('Project Created', {
      projectId: project.id,
      color: project.color,
      projectCount: next.projects.length,
    });
    return project;
  };

  const createCard = (projectId: string, title: string) => {
    const { ws: next, card } = addCard(ws, projectId, title);
    commit(next);
    tracker.track('Card Created', { projectId, cardId: card.id, column: card.column, totalCards: totalCards(next) });
  };

  const moveCardTo = (projectId: string, cardId: string, to: ColumnId) => {
    const { ws: next, from } = moveCard(ws, projectId, cardId, to);
    if (from === null) return;
    commit(next);
    tracker.track('Card Moved', { projectId, cardId, from, to });
  };

  const invite = (input: { email: string; role: Role; projectId: string | null }) => {
    const { ws: next } = inviteTeammate(ws, input);
    commit(next);
    // The teammate's email stays in the product: analytics only needs the fact and the role.
    tracker.track('Teammate Invited', {
      role: input.role,
      projectId: input.projectId,
      teamSize: next.teammates.length + 1,
    });
  };

  return { ws, createProject, createCard, moveCardTo, invite };
}
