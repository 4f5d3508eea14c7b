import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { ticketsApi } from './ticketsApi.ts';
import { useAction } from './useAction.ts';

/** Blocked members (`…/blocks`): listed with view_tickets, blocked and unblocked with manage_tickets. */
export function BlocksSettings() {
  const { desk, can } = useDesk();
  const editable = can('manage_tickets');
  const list = useResource(() => ticketsApi.blocks(desk.id), [desk.id]);
  const action = useAction();
  const [userId, setUserId] = useState('');
  const [userName, setUserName] = useState('');
  const [duration, setDuration] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const body = { user_id: userId.trim(), ...(userName.trim() ? { user_name: userName.trim() } : {}), ...(duration.trim() ? { duration: duration.trim() } : {}) };
    if (await action.run(() => ticketsApi.block(desk.id, body))) {
      setUserId('');
      setUserName('');
      setDuration('');
      list.reload();
    }
  };

  return (
    <section className="card stack" aria-labelledby="tickets-blocks-heading" data-testid="tickets-blocks">
      <h2 id="tickets-blocks-heading">Blocked members</h2>
      <ErrorNotice message={list.error ?? action.error} />
      {list.data && list.data.length === 0 && <p className="muted">Nobody is blocked.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Since</th>
                <th scope="col">Until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => (
                <tr key={b.user_id} data-testid="tickets-block-row">
                  <th scope="row">
                    {b.user_name || b.user_id} <span className="muted small">{b.user_name ? b.user_id : ''}</span>
                  </th>
                  <td>{formatDateTime(b.blocked_at)}</td>
                  <td>{b.expires_at ? formatDateTime(b.expires_at) : 'Forever'}</td>
                  <td className="actions">
                    {editable && (
                      <button
                        type="button"
                        className="button-ghost"
                        disabled={action.busy}
                        aria-label={`Unblock ${b.user_name || b.user_id}`}
                        onClick={() => void action.run(() => ticketsApi.unblock(desk.id, b.user_id)).then((done) => done && list.reload())}
                      >
                        Unblock
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form className="grid-form" onSubmit={add} aria-label="Block a member">
          <label>
            Chat user id or email
            <input value={userId} required onChange={(e) => setUserId(e.target.value)} />
            <FieldErrors reasons={action.fields.user_id} />
          </label>
          <label>
            Name (optional)
            <input value={userName} onChange={(e) => setUserName(e.target.value)} />
          </label>
          <label>
            For (1d12h; empty: forever)
            <input value={duration} onChange={(e) => setDuration(e.target.value)} />
            <FieldErrors reasons={action.fields.duration} />
          </label>
          <div className="form-end">
            <button type="submit" disabled={action.busy}>
              Block
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
