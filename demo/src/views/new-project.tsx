import type { JSX } from 'preact';
import { navigate } from '../route.js';
import type { WorkspaceActions } from '../use-workspace.js';
import { PROJECT_COLORS, type ProjectColor } from '../workspace.js';

const isColor = (v: unknown): v is ProjectColor => PROJECT_COLORS.includes(v as ProjectColor);

/**
 * Create a project (name, description, colour), then open its board.
 *
 * @example
 * <NewProjectView actions={actions} />
 */
export function NewProjectView({ actions }: { actions: WorkspaceActions }): JSX.Element {
  const submit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    if (name === '') return;
    const color = data.get('color');
    const project = actions.createProject({
      name,
      description: String(data.get('description') ?? '').trim(),
      color: isColor(color) ? color : 'indigo',
    });
    navigate({ name: 'board', projectId: project.id });
  };

  return (
    <div class="page page-narrow">
      <header class="page-header">
        <div>
          <h1>New project</h1>
          <p class="muted">A project gets its own board. You can invite teammates to it next.</p>
        </div>
      </header>
      <form class="card form" onSubmit={submit}>
        <label class="field">
          <span>Project name</span>
          <input name="name" required maxLength={60} placeholder="Website relaunch" autoFocus />
        </label>
        <label class="field">
          <span>
            Description <span class="muted">(optional)</span>
          </span>
          <textarea name="description" rows={3} maxLength={240} placeholder="What is this project about?" />
        </label>
        <fieldset class="field">
          <legend>Colour</legend>
          <div class="swatches">
            {PROJECT_COLORS.map((c, i) => (
              <label class={`swatch swatch-${c}`} key={c}>
                <input type="radio" name="color" value={c} defaultChecked={i === 0} />
                <span class="visually-hidden">{c}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="form-actions">
          <a class="button" href="#/">
            Cancel
          </a>
          <button class="button button-primary" type="submit">
            Create project
          </button>
        </div>
      </form>
    </div>
  );
}
