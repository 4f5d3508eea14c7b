import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { usePagedList } from '../mail/usePagedList.ts';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { ticketsApi } from './ticketsApi.ts';
import type { Ticket, TicketFilters } from './types.ts';

const defaultFilters: TicketFilters = { status: 'open', category_id: '', assignee: '', transport: '', awaiting_staff: '', q: '' };
const filterKeys = Object.keys(defaultFilters) as (keyof TicketFilters)[];

/** The filters in the address (`?status=closed&category_id=…`), so a reload, "Back" from a ticket or a shared link shows the same list. */
function filtersOf(params: URLSearchParams): TicketFilters {
  const filters = { ...defaultFilters } as Record<keyof TicketFilters, string>;
  for (const key of filterKeys) filters[key] = params.get(key) ?? defaultFilters[key];
  return filters as TicketFilters;
}

/** `/tickets/:deskId`: the desk's tickets, newest first, filtered, page by page ("Load more"). */
export function TicketList() {
  const { desk, can } = useDesk();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [typed, setTyped] = useState(filters.q);
  // The search box follows the address when it changes elsewhere (the Tickets tab, Back).
  useEffect(() => setTyped(filters.q), [filters.q]);
  const categories = useResource(() => (can('view_tickets') ? ticketsApi.categories(desk.id) : Promise.resolve([])), [desk.id]);
  const list = usePagedList((cursor) => ticketsApi.tickets(desk.id, filters, cursor), [desk.id, JSON.stringify(filters)]);

  if (!can('view_tickets')) {
    return <p className="muted">You may not see this desk's tickets (that needs the panel permission view_tickets).</p>;
  }

  const set = <K extends keyof TicketFilters>(key: K, value: TicketFilters[K]) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === defaultFilters[key]) next.delete(key);
        else next.set(key, value);
        return next;
      },
      // Changing a filter replaces the entry: "Back" leaves the list instead of stepping through filters.
      { replace: true },
    );
  const search = (event: FormEvent) => {
    event.preventDefault();
    set('q', typed.trim());
  };

  return (
    <div className="stack" data-testid="tickets-list-page">
      <form className="tickets-filters" role="search" onSubmit={search} data-testid="tickets-filters">
        <label className="inline">
          Status
          <select value={filters.status} onChange={(e) => set('status', e.target.value as TicketFilters['status'])}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="all">All</option>
          </select>
        </label>
        {(categories.data?.length ?? 0) > 0 && (
          <label className="inline">
            Category
            <select value={filters.category_id} onChange={(e) => set('category_id', e.target.value)}>
              <option value="">Any</option>
              {categories.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.emoji ? `${c.emoji} ` : ''}${c.name}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          Assignee
          <select value={filters.assignee} onChange={(e) => set('assignee', e.target.value as TicketFilters['assignee'])}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
          </select>
        </label>
        <label className="inline">
          Transport
          <select value={filters.transport} onChange={(e) => set('transport', e.target.value as TicketFilters['transport'])}>
            <option value="">Any</option>
            <option value="chat">Chat</option>
            <option value="email">Email</option>
            <option value="discord">Discord</option>
          </select>
        </label>
        <label className="inline">
          Awaiting staff
          <select value={filters.awaiting_staff} onChange={(e) => set('awaiting_staff', e.target.value as TicketFilters['awaiting_staff'])}>
            <option value="">Either</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        </label>
        <label className="inline tickets-search">
          Search
          <input type="search" placeholder="Member name or id" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="button-ghost">
          Search
        </button>
        <button type="button" className="button-ghost" onClick={list.reload} disabled={list.loading} data-testid="tickets-refresh">
          Refresh
        </button>
      </form>
      <ErrorNotice message={list.error} testId="tickets-list-error" />
      {list.loaded && list.items.length === 0 && (
        <div className="empty-state" data-testid="tickets-empty">
          <p className="empty-title">No tickets</p>
          <p className="muted">None match these filters. A member opens a ticket by writing to the desk's bot.</p>
        </div>
      )}
      {list.items.length > 0 && (
        <ul className="tickets-list" data-testid="tickets-list">
          {list.items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button-ghost" onClick={list.loadMore} disabled={list.loading} data-testid="tickets-load-more">
          {list.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function TicketRow({ ticket }: { ticket: Ticket }) {
  const { user } = useAuth();
  const mine = ticket.assigned_to !== null && ticket.assigned_to === user?.id;
  return (
    <li>
      <Link
        to={`/tickets/${ticket.desk_id}/${ticket.id}`}
        className="tickets-item"
        data-testid="ticket-item"
        data-ticket-id={ticket.id}
        data-user-name={ticket.user_name}
      >
        <span className="tickets-item-top">
          <span className="tickets-item-name" data-testid="ticket-member">
            {ticket.user_name}
          </span>
          <time className="muted small" dateTime={ticket.created_at}>
            {formatDateTime(ticket.created_at)}
          </time>
        </span>
        <span className="row small">
          <span className={ticket.status === 'open' ? 'badge badge-on' : 'badge'}>{ticket.status}</span>
          <span className="badge">{ticket.transport}</span>
          {ticket.category_name && <span className="badge">{ticket.category_name}</span>}
          {ticket.awaiting_staff && ticket.status === 'open' && (
            <span className="badge badge-off" data-testid="ticket-awaiting">
              Awaiting staff
            </span>
          )}
          {ticket.assigned_to && <span className="muted">{mine ? 'Taken by you' : 'Taken'}</span>}
          {ticket.user_left && <span className="muted">Member left</span>}
        </span>
      </Link>
    </li>
  );
}
