import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { initials, type Account } from '../accounts.js';
import type { WorkspaceActions } from '../use-workspace.js';
import { ROLES, type Role } from '../workspace.js';

const isRole = (v: unknown): v is Role => ROLES.includes(v as Role);

/**
 * Invite a teammate (email, role, optionally one project) and see the team.
 *
 * @example
 * <TeamView account={account} actions={actions} />
 */
export function TeamView({ account, actions }: { account: Account; actions: WorkspaceActions }): JSX.Element {
  const { ws } = actions;
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    if (email === '') return;
    const role = data.get('role');
    const projectId = String(data.get('project') ?? '');
    actions.invite({ email, role: isRole(role) ? role : 'member', projectId: projectId === '' ? null : projectId });
    setSentTo(email);
    form.reset();
  };

  return (
    <div class="page">
      <header class="page-header">
        <div>
          <h1>Team</h1>
          <p class="muted">Projects move faster with more than one person on them.</p>
        </div>
      </header>
      <div class="team-grid">
        <form class="card form" onSubmit={submit} aria-labelledby="invite-title">
          <h2 id="invite-title">Invite a teammate</h2>
          <label class="field">
            <span>Email</span>
            <input name="email" type="email" required maxLength={120} placeholder="sam@acme.co" />
          </label>
          <div class="field-row">
            <label class="field">
              <span>Role</span>
              <select name="role">
                {ROLES.map((r) => (
                  <option value={r} key={r}>
                    {r[0]?.toUpperCase() + r.slice(1)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>Project</span>
              <select name="project">
                <option value="">All projects</option>
                {ws.projects.map((p) => (
                  <option value={p.id} key={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button class="button button-primary" type="submit">
            Send invite
          </button>
          <p class="notice" role="status">
            {sentTo === null ? '' : `Invite sent to ${sentTo}.`}
          </p>
        </form>

        <section class="card" aria-labelledby="members-title">
          <h2 id="members-title">Members</h2>
          <ul class="members">
            <li>
              <span class="avatar">{initials(account.name)}</span>
              <span class="member-name">
                {account.name}
                <span class="muted">{account.email}</span>
              </span>
              <span class="badge">Owner</span>
            </li>
            {ws.teammates.map((t) => (
              <li key={t.email}>
                <span class="avatar avatar-muted">{initials(t.email)}</span>
                <span class="member-name">
                  {t.email}
                  <span class="muted">{t.role}</span>
                </span>
                <span class="badge badge-pending">Invited</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
