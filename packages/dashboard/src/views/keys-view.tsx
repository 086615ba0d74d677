import { useState } from 'preact/hooks';
import type { AdminKey, AdminKeyList, Api, CreatedAdminKey } from '../api.js';
import { useResource } from '../use-resource.js';
import { Loaded } from './status.js';

const ROLE_TEXT = {
  analyst: 'Analyst: sees everything, changes nothing',
  editor: 'Editor: also changes scoring models and nudges',
  owner: 'Owner: everything, including keys',
} as const;

const day = (iso: string | null) =>
  iso === null
    ? 'Never'
    : new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function NewKey({ created, onDone }: { created: CreatedAdminKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="notice success" role="status" data-testid="new-key">
      <p>
        <strong>Key for “{created.label}” created.</strong> Copy it now: it is shown only this once.
      </p>
      <label for="new-key-value">New {created.role} key</label>
      <div class="copy-row">
        <input id="new-key-value" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(created.key).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" class="link" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

function Revoke({ api, k, onDone }: { api: Api; k: AdminKey; onDone: () => void }) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirm) {
    return (
      <button type="button" class="link" onClick={() => setConfirm(true)} aria-label={`Revoke ${k.label}`}>
        Revoke
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Confirm revoking ${k.label}`}>
      {error !== null ? (
        <span class="error" role="alert">
          {error}{' '}
        </span>
      ) : null}
      <button
        type="button"
        class="danger"
        onClick={() =>
          api
            .send('DELETE', `/v1/admin/keys/${encodeURIComponent(k.id)}`)
            .then(onDone, (e: Error) => setError(e.message))
        }
      >
        Yes, revoke
      </button>{' '}
      <button type="button" class="link" onClick={() => setConfirm(false)}>
        Cancel
      </button>
    </span>
  );
}

/**
 * The Keys page (owners only): create a key with a role and a label (shown
 * once, with a copy button), see when each key was last used, revoke one.
 *
 * @example
 * <KeysView api={api} />
 */
export function KeysView({ api }: { api: Api }) {
  const [reload, setReload] = useState(0);
  const keys = useResource<AdminKeyList>(api, `/v1/admin/keys?r=${reload}`);
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<keyof typeof ROLE_TEXT>('analyst');
  const [created, setCreated] = useState<CreatedAdminKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await api.send<CreatedAdminKey>('POST', '/v1/admin/keys', { role, label: label.trim() }));
      setLabel('');
      setReload((n) => n + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <h1 class="page-title">Keys</h1>
      <p class="muted">
        Give each person or tool its own key, with only the rights it needs. The secret key from setup stays the owner's
        key and cannot be revoked here.
      </p>
      <section class="card wide" aria-labelledby="new-key-title">
        <h2 id="new-key-title">New key</h2>
        {created !== null ? <NewKey created={created} onDone={() => setCreated(null)} /> : null}
        <form class="key-form" onSubmit={create}>
          <div>
            <label for="key-label">Who will use it</label>
            <input
              id="key-label"
              value={label}
              maxLength={100}
              placeholder="e.g. Maria, growth team"
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="key-role">Role</label>
            <select
              id="key-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as keyof typeof ROLE_TEXT)}
            >
              {Object.entries(ROLE_TEXT).map(([id, text]) => (
                <option key={id} value={id}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={label.trim() === ''}>
            Create key
          </button>
        </form>
        {error !== null ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <section class="card wide" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys in use</h2>
        <Loaded resource={keys}>
          {({ keys: list }) =>
            list.length === 0 ? (
              <p class="muted">No keys yet besides the secret key. Create one above for each teammate.</p>
            ) : (
              <table data-testid="keys">
                <thead>
                  <tr>
                    <th>Who</th>
                    <th>Role</th>
                    <th>Created (UTC)</th>
                    <th>Last used (UTC)</th>
                    <th>
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((k) => (
                    <tr key={k.id} data-key={k.label}>
                      <td>{k.label}</td>
                      <td>
                        <span class="pill">{k.role}</span>
                      </td>
                      <td>{day(k.createdAt)}</td>
                      <td>{day(k.lastUsedAt)}</td>
                      <td>
                        <Revoke api={api} k={k} onDone={() => setReload((n) => n + 1)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
