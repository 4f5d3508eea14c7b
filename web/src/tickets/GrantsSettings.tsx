import { useState, type FormEvent } from 'react';
import { chatApi } from '../chat/chatApi.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { formatUnix } from './format.ts';
import { ticketsApi } from './ticketsApi.ts';
import { panelPermissions } from './types.ts';
import { useAction } from './useAction.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Panel permission grants (`…/permissions`, edit_config): to a user (every desk) or to a community
 * role of the staff community (that role and the ones above). Users are entered by name.
 */
export function GrantsSettings() {
  const { desk } = useDesk();
  const list = useResource(async () => {
    const grants = await ticketsApi.grants(desk.id);
    const ids = [...new Set(grants.filter((g) => g.subject_type === 'user').map((g) => g.subject_id))];
    const users = ids.length > 0 ? await chatApi.users(ids).catch(() => []) : [];
    return { grants, names: Object.fromEntries(users.map((u) => [u.id, u.username])) as Record<string, string> };
  }, [desk.id]);
  const action = useAction();
  const [subjectType, setSubjectType] = useState<'user' | 'role'>('role');
  const [subject, setSubject] = useState('moderator');
  const [permission, setPermission] = useState('view_tickets');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(async () => {
      let subjectId = subject.trim();
      if (subjectType === 'user' && !uuid.test(subjectId)) {
        const found = (await chatApi.userByName(subjectId)).find((u) => u.username.toLowerCase() === subjectId.toLowerCase());
        if (!found) throw new Error(`No user is called ${subjectId}.`);
        subjectId = found.id;
      }
      await ticketsApi.grant(desk.id, { subject_type: subjectType, subject_id: subjectId, permission: permission.trim() });
    });
    if (done) list.reload();
  };

  return (
    <section className="card stack" aria-labelledby="tickets-grants-heading" data-testid="tickets-grants">
      <h2 id="tickets-grants-heading">Permissions</h2>
      <p className="muted small">A role grant holds for that role of the staff community and every role above it; a user grant holds at every desk.</p>
      <ErrorNotice message={list.error ?? action.error} />
      {list.data && list.data.grants.length === 0 && <p className="muted">No grants.</p>}
      {list.data && list.data.grants.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Permission</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.grants.map((g) => {
                const who = g.subject_type === 'role' ? `Role: ${g.subject_id}` : (list.data?.names[g.subject_id] ?? g.subject_id);
                return (
                  <tr key={g.id} data-testid="tickets-grant-row">
                    <th scope="row">{who}</th>
                    <td>
                      <code>{g.permission}</code>
                    </td>
                    <td>{formatUnix(g.granted_at)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button-ghost"
                        disabled={action.busy}
                        aria-label={`Remove ${g.permission} from ${who}`}
                        onClick={() => void action.run(() => ticketsApi.revokeGrant(desk.id, g.id)).then((done) => done && list.reload())}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="grid-form" onSubmit={add} aria-label="Grant a permission">
        <label>
          To
          <select
            value={subjectType}
            onChange={(e) => {
              const type = e.target.value as 'user' | 'role';
              setSubjectType(type);
              setSubject(type === 'role' ? 'moderator' : '');
            }}
          >
            <option value="role">A community role</option>
            <option value="user">A user</option>
          </select>
        </label>
        {subjectType === 'role' ? (
          <label>
            Role
            <select value={subject} onChange={(e) => setSubject(e.target.value)}>
              <option value="member">Member</option>
              <option value="moderator">Moderator</option>
              <option value="admin">Admin</option>
              <option value="owner">Owner</option>
            </select>
            <FieldErrors reasons={action.fields.subject_id} />
          </label>
        ) : (
          <label>
            Username
            <input value={subject} required onChange={(e) => setSubject(e.target.value)} />
            <FieldErrors reasons={action.fields.subject_id} />
          </label>
        )}
        <label>
          Permission
          <input value={permission} required list="tickets-permission-names" onChange={(e) => setPermission(e.target.value)} />
          <datalist id="tickets-permission-names">
            {panelPermissions.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <FieldErrors reasons={action.fields.permission} />
        </label>
        <div className="form-end">
          <button type="submit" disabled={action.busy}>
            Grant
          </button>
        </div>
      </form>
    </section>
  );
}
