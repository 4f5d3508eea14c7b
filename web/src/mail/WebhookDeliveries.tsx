import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { mailApi } from './mailApi.ts';
import type { Uuid } from './types.ts';
import { usePagedList } from './usePagedList.ts';

/** A webhook's recent deliveries: event, outcome, attempts, the endpoint's last answer. */
export function WebhookDeliveries({ webhookId }: { webhookId: Uuid }) {
  const list = usePagedList((cursor) => mailApi.webhookDeliveries(webhookId, { cursor }), [webhookId]);
  return (
    <div className="mail-deliveries" data-testid="mail-webhook-deliveries">
      <ErrorNotice message={list.error} />
      {list.loaded && list.items.length === 0 && <p className="muted small">No deliveries yet.</p>}
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="small">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id} data-testid="mail-webhook-delivery" data-event={d.event_type} data-status={d.status}>
                  <th scope="row">
                    <code>{d.event_type}</code>
                  </th>
                  <td>
                    <span className={d.status === 'delivered' ? 'badge badge-on' : d.status === 'failed' ? 'badge badge-off' : 'badge'}>{d.status}</span>
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.last_status_code ?? d.last_error ?? '—'}</td>
                  <td>{formatDateTime(d.created_at)}</td>
                  <td>{formatDateTime(d.next_attempt_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button type="button" className="button-ghost" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
        {list.hasMore && (
          <button type="button" className="button-ghost" onClick={list.loadMore} disabled={list.loading}>
            Load more
          </button>
        )}
      </div>
    </div>
  );
}
