import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { usePagedList } from '../mail/usePagedList.ts';
import { useAction } from '../tickets/useAction.ts';
import { triageApi } from './triageApi.ts';
import type { DeadLetter, DeadLetterFilter } from './types.ts';

const filters: { value: DeadLetterFilter; label: string }[] = [
  { value: 'open', label: 'Open (pending, retrying, exhausted)' },
  { value: 'pending', label: 'Pending' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'exhausted', label: 'Exhausted' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'success', label: 'Succeeded' },
  { value: 'skipped', label: 'Skipped or dismissed' },
  { value: 'all', label: 'All' },
];

/**
 * `/triage/dead-letters`: emails whose processing failed, newest first. Retry runs a pending or exhausted entry now;
 * skip stops retrying a pending one; dismiss acknowledges an exhausted one. Nothing is ever deleted: skipped and
 * dismissed entries end `skipped`, resolved, and stay visible under their filters.
 */
export function DeadLettersPanel() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'open') as DeadLetterFilter;
  const list = usePagedList((cursor) => triageApi.deadLetters(status, '', cursor), [status]);
  const action = useAction();

  const command = async (entry: DeadLetter, what: 'retry' | 'skip' | 'dismiss') => {
    if (await action.run(() => triageApi.deadLetterCommand(entry.id, what))) list.reload();
  };

  return (
    <div className="stack" data-testid="triage-dead-letters">
      <div className="row">
        <label className="inline">
          Show
          <select
            value={status}
            onChange={(e) => setParams(e.target.value === 'open' ? new URLSearchParams() : new URLSearchParams({ status: e.target.value }), { replace: true })}
            data-testid="triage-dead-letter-filter"
          >
            {filters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-ghost" onClick={list.reload} disabled={list.loading} data-testid="triage-dead-letters-refresh">
          Refresh
        </button>
      </div>
      <ErrorNotice message={list.error} testId="triage-dead-letters-error" />
      <ErrorNotice message={action.error} testId="triage-dead-letter-action-error" />
      {list.loaded && list.items.length === 0 && (
        <div className="empty-state" data-testid="triage-dead-letters-empty">
          <p className="empty-title">No dead letters</p>
          <p className="muted">Emails whose processing fails (IMAP errors, the LLM down or a bad reply) wait here to be retried.</p>
        </div>
      )}
      {list.items.length > 0 && (
        <ul className="stack triage-dead-letter-list" data-testid="triage-dead-letter-list">
          {list.items.map((entry) => (
            <li key={entry.id} className="card" data-testid="triage-dead-letter" data-dead-letter-id={entry.id} data-status={entry.retry_status}>
              <div className="row small">
                <span className={entry.retry_status === 'exhausted' ? 'badge badge-off' : 'badge'} data-testid="triage-dead-letter-status">
                  {entry.retry_status}
                </span>
                <strong>{entry.account}</strong>
                <span className="muted">
                  {entry.folder} · UID {entry.uid} · {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'}
                </span>
                <time className="muted" dateTime={entry.created_at}>
                  {formatDateTime(entry.created_at)}
                </time>
              </div>
              <p className="small" data-testid="triage-dead-letter-error">
                {entry.error}
              </p>
              <p className="small muted">
                {entry.message_id}
                {entry.next_retry_at && entry.resolved_at === null && <> · next retry {formatDateTime(entry.next_retry_at)}</>}
                {entry.resolved_at && <> · resolved {formatDateTime(entry.resolved_at)}</>}
              </p>
              {(entry.retry_status === 'pending' || entry.retry_status === 'exhausted') && (
                <div className="row">
                  <button type="button" disabled={action.busy} onClick={() => void command(entry, 'retry')} data-testid="triage-dead-letter-retry">
                    Retry now
                  </button>
                  {entry.retry_status === 'pending' && (
                    <button type="button" className="button-ghost" disabled={action.busy} onClick={() => void command(entry, 'skip')} data-testid="triage-dead-letter-skip">
                      Skip
                    </button>
                  )}
                  {entry.retry_status === 'exhausted' && (
                    <button type="button" className="button-ghost" disabled={action.busy} onClick={() => void command(entry, 'dismiss')} data-testid="triage-dead-letter-dismiss">
                      Dismiss
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button-ghost" onClick={list.loadMore} disabled={list.loading}>
          {list.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
