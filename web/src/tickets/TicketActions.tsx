import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { downloadWithToken } from '../mail/files.ts';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { formatUnix } from './format.ts';
import { ticketsApi } from './ticketsApi.ts';
import type { Ticket } from './types.ts';

/**
 * A ticket's buttons: take/release, move to a category, close (now, after a duration, silently),
 * cancel a scheduled close, and the transcript exports. What needs manage_tickets shows only to
 * those who hold it.
 */
export function TicketActions({ ticket, onChanged }: { ticket: Ticket; onChanged(): void }) {
  const { desk, can } = useDesk();
  const { user } = useAuth();
  const manage = can('manage_tickets');
  const categories = useResource(() => (can('view_tickets') ? ticketsApi.categories(desk.id) : Promise.resolve([])), [desk.id]);
  const scheduled = useResource(() => ticketsApi.scheduledCloses(desk.id), [desk.id, ticket.id]);
  const pendingClose = scheduled.data?.find((s) => s.ticket_id === ticket.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [when, setWhen] = useState<'now' | 'after'>('now');
  const [after, setAfter] = useState('1d');
  const [silent, setSilent] = useState(false);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      scheduled.reload();
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const close = (event: FormEvent) => {
    event.preventDefault();
    void act(() => ticketsApi.close(desk.id, ticket.id, when === 'after' ? { after: after.trim(), silent } : { silent }));
  };

  const exportAs = (format: 'json' | 'html') =>
    void downloadWithToken(ticketsApi.exportUrl(desk.id, ticket.id, format), `ticket-${ticket.id}.${format}`).catch((e: unknown) =>
      setError(describeError(e)),
    );

  const open = ticket.status === 'open';
  const takenByMe = ticket.assigned_to !== null && ticket.assigned_to === user?.id;

  return (
    <aside className="card stack tickets-actions" aria-label="Ticket actions" data-testid="ticket-actions">
      {manage && open && (
        <div className="row">
          {!takenByMe && (
            <button type="button" className="button-ghost" disabled={busy} onClick={() => void act(() => ticketsApi.take(desk.id, ticket.id))} data-testid="ticket-take">
              Take
            </button>
          )}
          {ticket.assigned_to && (
            <button type="button" className="button-ghost" disabled={busy} onClick={() => void act(() => ticketsApi.release(desk.id, ticket.id))} data-testid="ticket-release">
              Release
            </button>
          )}
        </div>
      )}
      {manage && (categories.data?.length ?? 0) > 0 && (
        <label>
          Category
          <select
            value={ticket.category_id ?? ''}
            disabled={busy}
            onChange={(e) => void act(() => ticketsApi.move(desk.id, ticket.id, e.target.value === '' ? null : e.target.value))}
            data-testid="ticket-move"
          >
            <option value="">No category</option>
            {categories.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.emoji ? `${c.emoji} ` : ''}${c.name}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {pendingClose && (
        <p className="notice small" data-testid="ticket-scheduled-close">
          Closes {formatUnix(pendingClose.scheduled_time)}
          {pendingClose.silent ? ', silently' : ''}.{' '}
          {manage && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void act(() => ticketsApi.cancelScheduledClose(desk.id, ticket.id))}>
              Cancel
            </button>
          )}
        </p>
      )}
      {manage && open && (
        <form className="stack" onSubmit={close} data-testid="ticket-close-form">
          <fieldset>
            <legend>Close</legend>
            <label className="checkbox">
              <input type="radio" name="close-when" checked={when === 'now'} onChange={() => setWhen('now')} />
              Now
            </label>
            <label className="checkbox">
              <input type="radio" name="close-when" checked={when === 'after'} onChange={() => setWhen('after')} />
              After
            </label>
            {when === 'after' && (
              <label>
                Duration (30m, 1d12h, 2w)
                <input value={after} onChange={(e) => setAfter(e.target.value)} required />
              </label>
            )}
            <label className="checkbox">
              <input type="checkbox" checked={silent} onChange={(e) => setSilent(e.target.checked)} />
              Silently (no closing message to the member)
            </label>
          </fieldset>
          <button type="submit" className="button-danger" disabled={busy} data-testid="ticket-close">
            {when === 'now' ? 'Close ticket' : 'Schedule close'}
          </button>
        </form>
      )}
      <div className="row small">
        <span className="muted">Export:</span>
        <button type="button" className="link-button" onClick={() => exportAs('html')}>
          HTML
        </button>
        <button type="button" className="link-button" onClick={() => exportAs('json')}>
          JSON
        </button>
      </div>
      <ErrorNotice message={error} testId="ticket-action-error" />
    </aside>
  );
}
