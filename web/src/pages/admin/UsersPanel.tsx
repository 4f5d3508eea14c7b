import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import type { AdminUser, Id, Role } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.ts';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../format.ts';
import { useResource } from '../../useResource.ts';

const userPath = (id: Id) => `/api/admin/users/${encodeURIComponent(String(id))}`;

/** Every account: create one, change its role, suspend or restore it. */
export function UsersPanel() {
  const { user: me } = useAuth();
  const users = useResource(() => api.get<AdminUser[]>('/api/admin/users'));
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the owner may hand out the owner role; the server enforces it either way.
  const roles: Role[] = me?.role === 'owner' ? ['user', 'admin', 'owner'] : ['user', 'admin'];

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
      users.reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="admin-users">
      <CreateUserForm roles={roles} onCreated={(name) => { setMessage(`Created ${name}.`); setError(null); users.reload(); }} />

      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <ErrorNotice message={error ?? users.error} testId="users-error" />
        <SuccessNotice testId="users-message">{message}</SuccessNotice>
        <div className="table-wrap">
          <table data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data?.map((user) => {
                const isMe = String(user.id) === String(me?.id);
                return (
                  <tr key={String(user.id)} data-testid="user-row" data-username={user.username}>
                    <th scope="row">{user.username}</th>
                    <td>{user.display_name || '—'}</td>
                    <td>{user.email || '—'}</td>
                    <td>
                      <select
                        aria-label={`Role of ${user.username}`}
                        value={user.role}
                        disabled={busy || isMe || (user.role === 'owner' && me?.role !== 'owner')}
                        onChange={(e) =>
                          act(() => api.put(`${userPath(user.id)}/role`, { role: e.target.value }), `${user.username} is now ${e.target.value}.`)
                        }
                      >
                        {(roles.includes(user.role) ? roles : [...roles, user.role]).map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{user.totp_enabled ? 'On' : 'Off'}</td>
                    <td>
                      <span className={user.disabled ? 'badge badge-off' : 'badge badge-on'} data-testid="user-status">
                        {user.disabled ? 'Disabled' : 'Active'}
                      </span>
                    </td>
                    <td>{formatDateTime(user.created_at)}</td>
                    <td className="actions">
                      {!isMe &&
                        (user.disabled ? (
                          <button type="button" className="button-ghost" disabled={busy} onClick={() => act(() => api.post(`${userPath(user.id)}/enable`), `${user.username} is enabled.`)}>
                            Enable
                          </button>
                        ) : (
                          <button type="button" className="button-ghost" disabled={busy} onClick={() => act(() => api.post(`${userPath(user.id)}/disable`), `${user.username} is disabled.`)}>
                            Disable
                          </button>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function CreateUserForm({ roles, onCreated }: { roles: Role[]; onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username: username.trim(), password, role };
      if (email.trim()) body.email = email.trim();
      if (displayName.trim()) body.display_name = displayName.trim();
      await api.post('/api/admin/users', body);
      onCreated(username.trim());
      setUsername('');
      setPassword('');
      setEmail('');
      setDisplayName('');
      setRole('user');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Create a user</h2>
      <ErrorNotice message={error} testId="create-user-error" />
      <form onSubmit={submit} className="grid-form" data-testid="create-user-form">
        <label>
          Username
          <input name="new-username" autoComplete="off" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Password
          <input name="new-password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          <span>

            Email <span className="muted">(optional)</span>
          </span>
          <input name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          <span>

            Display name <span className="muted">(optional)</span>
          </span>
          <input name="display-name" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          Role
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <div className="form-end">
          <button type="submit" disabled={busy}>
            Create user
          </button>
        </div>
      </form>
    </section>
  );
}
