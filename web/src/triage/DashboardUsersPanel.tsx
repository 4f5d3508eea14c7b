import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { FieldErrors } from '../tickets/FieldErrors.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useResource } from '../useResource.ts';
import { formatDateTime } from '../format.ts';
import { triageApi } from './triageApi.ts';

/** A refusal about one field that comes without `errors` (409 `username_taken`) shown under that field too. */
function underField(failure: unknown): never {
  if (failure instanceof ApiError && failure.code === 'username_taken') {
    throw new ApiError(failure.status, failure.code, failure.detail, { ...failure.problem, errors: { username: [`${failure.detail} (${failure.code})`] } });
  }
  throw failure;
}

/**
 * `/triage/users`: Mailpilot's dashboard users — who can sign in to this dashboard without a Parley account — and a
 * form to add one. The API has no change or delete of a dashboard user, so neither has this page.
 */
export function DashboardUsersPanel() {
  const users = useResource(() => triageApi.dashboardUsers());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const name = username.trim();
    if (await action.run(() => triageApi.createDashboardUser(name, password).catch(underField))) {
      setCreated(name);
      setUsername('');
      setPassword('');
      users.reload();
    }
  };
  const hasFieldErrors = Object.keys(action.fields).length > 0;

  return (
    <div className="stack" data-testid="triage-users">
      <section className="card" aria-labelledby="triage-users-heading">
        <h2 id="triage-users-heading">Dashboard users</h2>
        <p className="hint">
          They sign in at <code>/triage</code> with a username and password, have no Parley account and reach only this
          dashboard. Parley's owners and admins need none.
        </p>
        <ErrorNotice message={users.error} testId="triage-users-load-error" />
        {users.data && users.data.length === 0 && <p className="muted">No dashboard users yet.</p>}
        {users.data && users.data.length > 0 && (
          <div className="table-wrap"><table data-testid="triage-users-table">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} data-testid="triage-user" data-username={user.username}>
                  <td>{user.username}</td>
                  <td>{formatDateTime(user.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <section className="card" aria-labelledby="triage-user-new-heading">
        <h2 id="triage-user-new-heading">Add a dashboard user</h2>
        <form className="stack" onSubmit={create} data-testid="triage-user-form">
          <label>
            Username
            <input name="username" autoComplete="off" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} />
            <FieldErrors reasons={action.fields.username} />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            <FieldErrors reasons={action.fields.password} />
          </label>
          <p className="hint">At least 8 characters (at most 72 bytes). Tell the person their password yourself.</p>
          <div className="row">
            <button type="submit" disabled={action.busy} data-testid="triage-user-create">
              Add user
            </button>
          </div>
          {!hasFieldErrors && <ErrorNotice message={action.error} testId="triage-user-error" />}
          <SuccessNotice testId="triage-user-created">{created ? `Dashboard user ${created} added.` : null}</SuccessNotice>
        </form>
      </section>
    </div>
  );
}
