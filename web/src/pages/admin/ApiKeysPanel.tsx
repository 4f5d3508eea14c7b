import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import type { ApiKeyInfo, CreatedApiKey, Id } from '../../api/types.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../format.ts';
import { useResource } from '../../useResource.ts';

/** API keys for scripts and integrations: scoped, optionally expiring, shown once. */
export function ApiKeysPanel() {
  const keys = useResource(() => api.get<ApiKeyInfo[]>('/api/admin/api-keys'));
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const revoke = async (id: Id) => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/admin/api-keys/${encodeURIComponent(String(id))}`);
      keys.reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="admin-api-keys">
      <CreateApiKeyForm onCreated={(key) => { setCreated(key); keys.reload(); }} />

      {created && (
        <div className="secret-box" role="status" data-testid="new-api-key-panel">
          <p>
            <strong>Key “{created.name}” created.</strong> Copy it now: it will not be shown again.
          </p>
          <p className="secret-line">
            <code data-testid="new-api-key">{created.key}</code> <CopyButton text={created.key} />
          </p>
          <button type="button" className="button-ghost" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}

      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        <ErrorNotice message={error ?? keys.error} testId="api-keys-error" />
        {keys.data?.length === 0 && <p className="muted">No API keys yet.</p>}
        {keys.data !== undefined && keys.data.length > 0 && (
          <div className="table-wrap">
            <table data-testid="api-keys-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={String(key.id)} data-testid="api-key-row" data-name={key.name}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}</code>
                    </td>
                    <td className="small">{key.permissions.join(', ')}</td>
                    <td>{formatDateTime(key.created_at)}</td>
                    <td>{key.expires_at ? formatDateTime(key.expires_at) : 'Never'}</td>
                    <td>{formatDateTime(key.last_used_at)}</td>
                    <td>
                      <span className={key.is_active ? 'badge badge-on' : 'badge badge-off'} data-testid="api-key-status">
                        {key.is_active ? 'Active' : 'Revoked'}
                      </span>
                    </td>
                    <td className="actions">
                      {key.is_active && (
                        <button type="button" className="button-ghost" disabled={busy} onClick={() => revoke(key.id)} aria-label={`Revoke key ${key.name}`}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const permissions = useResource(() => api.get<string[]>('/api/admin/permissions'));
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (permission: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(permission);
    else next.delete(permission);
    setChosen(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.size === 0) {
      setError('Choose at least one permission.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { name: name.trim(), permissions: [...chosen] };
      // A date picked in the form means "valid through that day" in the admin's time zone.
      if (expires) body.expires_at = new Date(`${expires}T23:59:59`).toISOString();
      onCreated(await api.post<CreatedApiKey>('/api/admin/api-keys', body));
      setName('');
      setExpires('');
      setChosen(new Set());
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-key-heading">
      <h2 id="create-key-heading">Create an API key</h2>
      <ErrorNotice message={error ?? permissions.error} testId="create-api-key-error" />
      <form onSubmit={submit} className="stack" data-testid="create-api-key-form">
        <div className="grid-form">
          <label>
            Name
            <input name="key-name" autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            <span>

              Expires <span className="muted">(optional)</span>
            </span>
            <input name="key-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </div>
        <fieldset className="permissions">
          <legend>Permissions</legend>
          {permissions.data?.map((permission) => (
            <label key={permission} className="checkbox">
              <input type="checkbox" checked={chosen.has(permission)} onChange={(e) => toggle(permission, e.target.checked)} />
              <code>{permission}</code>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            Create key
          </button>
        </div>
      </form>
    </section>
  );
}
