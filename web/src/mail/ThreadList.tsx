import { useEffect, useState, type FormEvent } from 'react';
import { NavLink, useLocation, useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { DeliveryBadge } from './DeliveryBadge.tsx';
import { LabelChips } from './LabelChips.tsx';
import { mailApi } from './mailApi.ts';
import { filtersOf, paramsOf, stateLabels } from './threadFilters.ts';
import { threadStates, type MessageSummary, type ThreadFilters, type ThreadSummary, type Uuid } from './types.ts';
import { usePagedList } from './usePagedList.ts';

const itemClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'mail-thread-item active' : 'mail-thread-item');

/**
 * An inbox's threads, newest activity first, page by page ("Load more"), filtered by state (open unless chosen) and
 * label — the filters kept in the address; with a query, the messages that match it (full text over subject,
 * addresses and text) instead.
 */
export function ThreadList({ inboxId, version }: { inboxId: Uuid; version: number }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [labelTyped, setLabelTyped] = useState(filters.label);
  // The box follows the address when it changes elsewhere (Back, a shared link).
  useEffect(() => setLabelTyped(filters.label), [filters.label]);
  const filter = (next: ThreadFilters) => setParams(paramsOf(next), { replace: true });
  const threads = usePagedList((cursor) => mailApi.threads(inboxId, { cursor }, filters), [inboxId, version, filters.state, filters.label]);
  const filtered = filters.state !== 'open' || filters.label !== '';
  const results = usePagedList(
    (cursor) => (query === '' ? Promise.resolve({ items: [], next_cursor: null }) : mailApi.search(query, inboxId, { cursor })),
    [inboxId, query, version],
  );
  const list = query === '' ? threads : results;

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(typed.trim());
  };

  return (
    <div className="stack mail-thread-list">
      <form role="search" className="mail-search" onSubmit={search} data-testid="mail-search-form">
        <label className="visually-hidden" htmlFor={`mail-search-${inboxId}`}>
          Search this inbox
        </label>
        <input id={`mail-search-${inboxId}`} type="search" placeholder="Search mail" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button-ghost">
          Search
        </button>
        {query !== '' && (
          <button
            type="button"
            className="button-ghost"
            onClick={() => {
              setTyped('');
              setQuery('');
            }}
          >
            Clear
          </button>
        )}
        <button type="button" className="button-ghost" onClick={list.reload} disabled={list.loading} data-testid="mail-refresh">
          Refresh
        </button>
      </form>
      <form
        className="mail-thread-filters"
        aria-label="Filter threads"
        onSubmit={(event) => {
          event.preventDefault();
          filter({ ...filters, label: labelTyped.trim() });
        }}
        data-testid="mail-thread-filters"
      >
        <label className="inline">
          Show
          <select value={filters.state === '' ? 'all' : filters.state} onChange={(e) => filter({ ...filters, state: e.target.value === 'all' ? '' : (e.target.value as ThreadFilters['state']) })} data-testid="mail-state-filter">
            {threadStates.map((state) => (
              <option key={state} value={state}>
                {stateLabels[state]}
              </option>
            ))}
            <option value="all">All states</option>
          </select>
        </label>
        <label className="visually-hidden" htmlFor={`mail-label-filter-${inboxId}`}>
          Only threads with this label
        </label>
        <input id={`mail-label-filter-${inboxId}`} type="text" maxLength={100} placeholder="Label" value={labelTyped} onChange={(e) => setLabelTyped(e.target.value)} data-testid="mail-label-filter" />
        <button type="submit" className="button-ghost" data-testid="mail-label-filter-apply">
          Filter
        </button>
        {filters.label !== '' && (
          <button type="button" className="button-ghost" onClick={() => filter({ ...filters, label: '' })} data-testid="mail-label-filter-clear">
            Any label
          </button>
        )}
      </form>
      <ErrorNotice message={list.error} testId="mail-threads-error" />
      {query !== '' && (
        <p className="muted small" role="status" data-testid="mail-search-status">
          {results.loaded ? `${results.items.length}${results.hasMore ? '+' : ''} messages match “${query}”` : 'Searching…'}
        </p>
      )}
      {query === '' && threads.loaded && threads.items.length === 0 && filtered && (
        <div className="empty-state" data-testid="mail-threads-none-match">
          <p className="empty-title">No threads here</p>
          <p className="muted">No {filters.state === '' ? '' : `${stateLabels[filters.state].toLowerCase()} `}threads{filters.label === '' ? '' : ` with the label “${filters.label}”`}.</p>
        </div>
      )}
      {query === '' && threads.loaded && threads.items.length === 0 && !filtered && (
        <div className="empty-state" data-testid="mail-threads-empty">
          <p className="empty-title">No mail yet</p>
          <p className="muted">Messages sent to this address, and the ones you send from it, show here.</p>
        </div>
      )}
      <ul className="mail-threads" data-testid={query === '' ? 'mail-threads' : 'mail-search-results'}>
        {query === ''
          ? threads.items.map((thread) => <ThreadItem key={thread.id} inboxId={inboxId} thread={thread} />)
          : results.items.map((message) => <SearchResult key={message.message_id} inboxId={inboxId} message={message} />)}
      </ul>
      {list.hasMore && (
        <button type="button" className="button-ghost" onClick={list.loadMore} disabled={list.loading} data-testid="mail-load-more">
          {list.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function ThreadItem({ inboxId, thread }: { inboxId: Uuid; thread: ThreadSummary }) {
  const last = thread.last_message;
  // The list's filters stay in the address when a thread is opened.
  const { search } = useLocation();
  return (
    <li>
      <NavLink
        to={{ pathname: `/mail/inboxes/${inboxId}/threads/${thread.id}`, search }}
        className={itemClass}
        data-testid="mail-thread-item"
        data-subject={thread.subject ?? ''}
        data-state={thread.state}
      >
        <span className="mail-thread-top">
          <span className="mail-thread-participants" data-testid="mail-thread-participants">
            {thread.participants.join(', ')}
          </span>
          <time className="muted small" dateTime={thread.updated_at}>
            {formatDateTime(thread.updated_at)}
          </time>
        </span>
        <span className="mail-thread-subject" data-testid="mail-thread-subject">
          {thread.subject || '(no subject)'}
          {thread.message_count > 1 && (
            <span className="badge" data-testid="mail-thread-count" aria-label={`${thread.message_count} messages`}>
              {thread.message_count}
            </span>
          )}
          {last?.has_attachments && <span aria-label="Has attachments"> 📎</span>}
          {last?.delivery_status && <DeliveryBadge status={last.delivery_status} />}
          {thread.state && thread.state !== 'open' && (
            <span className="badge" data-testid="mail-thread-item-state">
              {stateLabels[thread.state] ?? thread.state}
            </span>
          )}
        </span>
        <LabelChips labels={thread.labels} />
        {last?.snippet && (
          <span className="mail-thread-snippet muted small" data-testid="mail-thread-snippet">
            {last.snippet}
          </span>
        )}
      </NavLink>
    </li>
  );
}

function SearchResult({ inboxId, message }: { inboxId: Uuid; message: MessageSummary }) {
  const { search } = useLocation();
  return (
    <li>
      <NavLink
        to={{ pathname: `/mail/inboxes/${inboxId}/threads/${message.thread_id}`, search }}
        className={itemClass}
        data-testid="mail-search-result"
        data-subject={message.subject ?? ''}
      >
        <span className="mail-thread-top">
          <span className="mail-thread-participants">{message.from_name ? `${message.from_name} <${message.from_address}>` : message.from_address}</span>
          <time className="muted small" dateTime={message.sent_at ?? undefined}>
            {formatDateTime(message.sent_at)}
          </time>
        </span>
        <span className="mail-thread-subject">{message.subject || '(no subject)'}</span>
        <LabelChips labels={message.labels} />
        {message.snippet && <span className="mail-thread-snippet muted small">{message.snippet}</span>}
      </NavLink>
    </li>
  );
}
