import { newId, readJson, writeJson } from './storage.js';

/** The board's columns, left to right. */
export const COLUMNS = [
  { id: 'todo', title: 'To do' },
  { id: 'doing', title: 'In progress' },
  { id: 'done', title: 'Done' },
] as const;

/** `todo | doing | done`. */
export type ColumnId = (typeof COLUMNS)[number]['id'];

/** Colours a project can take (CSS classes `swatch-<colour>`). */
export const PROJECT_COLORS = ['indigo', 'teal', 'amber', 'rose', 'sky'] as const;

/** One of `PROJECT_COLORS`. */
export type ProjectColor = (typeof PROJECT_COLORS)[number];

/** Roles a teammate can be invited with. */
export const ROLES = ['member', 'admin', 'viewer'] as const;

/** One of `ROLES`. */
export type Role = (typeof ROLES)[number];

/** A card on a board. */
export interface Card {
  id: string;
  title: string;
  column: ColumnId;
  createdAt: string;
}

/** A project and its board. */
export interface Project {
  id: string;
  name: string;
  description: string;
  color: ProjectColor;
  createdAt: string;
  cards: Card[];
}

/** Someone invited to the workspace (invites are pending forever: there is no mail server). */
export interface Teammate {
  email: string;
  role: Role;
  projectId: string | null;
  invitedAt: string;
}

/** A line of the home page's activity feed. */
export interface Activity {
  id: string;
  at: string;
  text: string;
}

/** Everything one user has made in the demo. */
export interface Workspace {
  projects: Project[];
  teammates: Teammate[];
  activity: Activity[];
}

const MAX_ACTIVITY = 20;

const emptyWorkspace = (): Workspace => ({ projects: [], teammates: [], activity: [] });

/**
 * The user's workspace from localStorage (empty for a new user).
 *
 * @example
 * const ws = loadWorkspace('usr_1');
 */
export function loadWorkspace(userId: string): Workspace {
  return { ...emptyWorkspace(), ...readJson<Partial<Workspace>>(`workspace:${userId}`, {}) };
}

/**
 * Persists the user's workspace.
 *
 * @example
 * saveWorkspace('usr_1', ws);
 */
export function saveWorkspace(userId: string, ws: Workspace): void {
  writeJson(`workspace:${userId}`, ws);
}

function withActivity(ws: Workspace, text: string): Workspace {
  const entry = { id: newId('act'), at: new Date().toISOString(), text };
  return { ...ws, activity: [entry, ...ws.activity].slice(0, MAX_ACTIVITY) };
}

function updateProject(ws: Workspace, projectId: string, update: (p: Project) => Project): Workspace {
  return { ...ws, projects: ws.projects.map((p) => (p.id === projectId ? update(p) : p)) };
}

/**
 * Cards across every project: the "Add 3 cards" milestone counts them.
 *
 * @example
 * totalCards(ws); // → 4
 */
export function totalCards(ws: Workspace): number {
  return ws.projects.reduce((n, p) => n + p.cards.length, 0);
}

/**
 * Adds a project (newest first).
 *
 * @example
 * const { ws: next, project } = addProject(ws, { name: 'Website relaunch', description: '', color: 'teal' });
 */
export function addProject(
  ws: Workspace,
  input: { name: string; description: string; color: ProjectColor },
): { ws: Workspace; project: Project } {
  const project: Project = { id: newId('prj'), ...input, createdAt: new Date().toISOString(), cards: [] };
  const next = withActivity({ ...ws, projects: [project, ...ws.projects] }, `You created ${project.name}`);
  return { ws: next, project };
}

/**
 * Adds a card to a project's "To do" column.
 *
 * @example
 * const { ws: next, card } = addCard(ws, project.id, 'Write the launch post');
 */
export function addCard(ws: Workspace, projectId: string, title: string): { ws: Workspace; card: Card } {
  const card: Card = { id: newId('card'), title, column: 'todo', createdAt: new Date().toISOString() };
  const next = updateProject(ws, projectId, (p) => ({ ...p, cards: [...p.cards, card] }));
  return { ws: withActivity(next, `You added “${title}”`), card };
}

/**
 * Moves a card to another column; `from` is null when nothing moved.
 *
 * @example
 * const { ws: next, from } = moveCard(ws, project.id, card.id, 'doing');
 */
export function moveCard(
  ws: Workspace,
  projectId: string,
  cardId: string,
  to: ColumnId,
): { ws: Workspace; from: ColumnId | null } {
  const card = ws.projects.find((p) => p.id === projectId)?.cards.find((c) => c.id === cardId);
  if (card === undefined || card.column === to) return { ws, from: null };
  const next = updateProject(ws, projectId, (p) => ({
    ...p,
    cards: [...p.cards.filter((c) => c.id !== cardId), { ...card, column: to }],
  }));
  const title = COLUMNS.find((c) => c.id === to)?.title ?? to;
  return { ws: withActivity(next, `You moved “${card.title}” to ${title}`), from: card.column };
}

/**
 * Records an invitation (an existing invite for the email is replaced).
 *
 * @example
 * const { ws: next } = inviteTeammate(ws, { email: 'sam@example.com', role: 'member', projectId: null });
 */
export function inviteTeammate(
  ws: Workspace,
  input: { email: string; role: Role; projectId: string | null },
): { ws: Workspace; teammate: Teammate } {
  const teammate: Teammate = { ...input, email: input.email.trim().toLowerCase(), invitedAt: new Date().toISOString() };
  const others = ws.teammates.filter((t) => t.email !== teammate.email);
  const next = withActivity({ ...ws, teammates: [...others, teammate] }, `You invited ${teammate.email}`);
  return { ws: next, teammate };
}
