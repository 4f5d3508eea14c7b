import { Link, useParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { ReplyBox } from './ReplyBox.tsx';
import { TicketActions } from './TicketActions.tsx';
import { TicketAssignee } from './TicketAssignee.tsx';
import { ticketsApi } from './ticketsApi.ts';
import { Transcript } from './Transcript.tsx';
import { useTicketLive } from './useTicketLive.ts';

const liveLabel = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Offline' } as const;

/** `/tickets/:deskId/:ticketId`: the transcript (kept current live), the reply box and the ticket's actions. */
export function TicketPage() {
  const { ticketId = '' } = useParams();
  const { desk, can } = useDesk();
  const transcript = useResource(() => ticketsApi.ticket(desk.id, ticketId), [desk.id, ticketId]);
  const data = transcript.data?.ticket.id === ticketId ? transcript.data : undefined;
  const live = useTicketLive(data?.ticket.status === 'open' ? data.ticket.channel_id : null, transcript.reload);

  if (transcript.error && !data) return <ErrorNotice message={transcript.error} testId="ticket-error" />;
  if (!data) return <p className="muted">Loading…</p>;
  const { ticket } = data;

  return (
    <section className="tickets-ticket" data-testid="ticket-view" data-ticket-id={ticket.id} aria-labelledby="ticket-title">
      <div className="stack tickets-ticket-main">
        <p className="small">
          <Link to={`/tickets/${desk.id}`}>← All tickets</Link>
        </p>
        <header className="tickets-ticket-head">
          <h2 id="ticket-title" data-testid="ticket-title">
            {ticket.user_name}
          </h2>
          <span className={ticket.status === 'open' ? 'badge badge-on' : 'badge'} data-testid="ticket-status">
            {ticket.status}
          </span>
          <span className="badge">{ticket.transport}</span>
          {ticket.category_name && (
            <span className="badge" data-testid="ticket-category">
              {ticket.category_name}
            </span>
          )}
          <TicketAssignee userId={ticket.assigned_to} />
          {live && (
            <span className={live === 'connected' ? 'small chat-connection-connected' : 'small muted'} data-testid="ticket-live">
              {liveLabel[live]}
            </span>
          )}
        </header>
        <p className="muted small">
          Opened {formatDateTime(ticket.created_at)}
          {ticket.first_response_at && ` · first response ${formatDateTime(ticket.first_response_at)}`}
          {ticket.closed_at && ` · closed ${formatDateTime(ticket.closed_at)}`}
          {ticket.user_left && ' · the member left the community'}
        </p>
        <ErrorNotice message={transcript.error} />
        <Transcript messages={data.messages} truncated={data.truncated} />
        {can('manage_tickets') && ticket.status === 'open' && <ReplyBox ticket={ticket} onSent={transcript.reload} />}
      </div>
      <TicketActions ticket={ticket} onChanged={transcript.reload} />
    </section>
  );
}
