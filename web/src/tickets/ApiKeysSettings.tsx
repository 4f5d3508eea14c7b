import { useState, type FormEvent } from 'react';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { formatUnix } from './format.ts';
import { ticketsApi } from './ticketsApi.ts';
import type { CreatedApiKey } from './types.ts';
import { useAction } from './useAction.ts';

/**
 * Keys for the external API (`…/api-keys`, manage_api_keys): create (the key is shown once, with a
 * copy button), revoke (kept, inactive), delete, and when each was last used.
 */
export function ApiKeysSettings() {
  const { desk } = useDesk();
  const list = useResource(() => ticketsApi.apiKeys(desk.id), [desk.id]);
  const action = useAction();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expires ? Math.floor(new Date(`${expires}T23:59:59Z`).getTime() / 1000) : undefined;
    let answer: CreatedApiKey | null = null;
    const done = await action.run(async () => {
      answer = await ticketsApi.createApiKey(desk.id, { name: name.trim(), permissions: ['tickets.create'], ...(expiresAt ? { expires_at: expiresAt } : {}) });
    });
    if (done) {
      setCreated(answer);
      setName('');
      setExpires('');
      list.reload();
    }
  };
  const change = (work: () => Promise<unknown>) => void action.run(work).then((done) => done && list.reload());

  return (
    <section className="card stack" aria-labelledby="tickets-keys-heading" data-testid="tickets-api-keys">
      <h2 id="tickets-keys-heading">API keys</h2>
      <p className="muted small">
        A key lets another system open tickets here: <code>POST /api/modmail/externals/tickets/create</code> with the header{' '}
        <code>X-API-Key</code>.
      </p>
      {created && (
        <div className="secret-box" role="status" data-testid="tickets-api-key-created">
          <p>
            <strong>{created.name}</strong>: copy the key now — it is not shown again.
          </p>
          <p className="secret-line row">
            <code data-testid="tickets-api-key-value">{created.key}</code>
            <CopyButton text={created.key} />
          </p>
          <button type="button" className="button-ghost" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      <ErrorNotice message={list.error ?? action.error} />
      {list.data && list.data.length === 0 && <p className="muted">No keys.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((k) => (
                <tr key={k.id} data-testid="tickets-api-key-row">
                  <th scope="row">{k.name}</th>
                  <td>
                    <span className={k.is_active ? 'badge badge-on' : 'badge badge-off'} data-testid="tickets-api-key-status">{k.is_active ? 'active' : 'revoked'}</span>
                  </td>
                  <td>{formatUnix(k.created_at)}</td>
                  <td>{k.expires_at ? formatUnix(k.expires_at) : 'Never'}</td>
                  <td>{k.last_used_at ? formatUnix(k.last_used_at) : 'Never'}</td>
                  <td className="actions">
                    {k.is_active && (
                      <button type="button" className="button-ghost" disabled={action.busy} aria-label={`Revoke ${k.name}`} onClick={() => change(() => ticketsApi.revokeApiKey(desk.id, k.id))}>
                        Revoke
                      </button>
                    )}
                    <button type="button" className="button-ghost" disabled={action.busy} aria-label={`Delete ${k.name}`} onClick={() => change(() => ticketsApi.deleteApiKey(desk.id, k.id))}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="grid-form" onSubmit={add} aria-label="Create an API key">
        <label>
          Name
          <input value={name} required onChange={(e) => setName(e.target.value)} />
          <FieldErrors reasons={action.fields.name} />
        </label>
        <label>
          Expires (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          <FieldErrors reasons={action.fields.expires_at} />
        </label>
        <div className="form-end">
          <button type="submit" disabled={action.busy}>
            Create key
          </button>
        </div>
      </form>
    </section>
  );
}
