import { useEffect, useState } from 'react';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import type { AuditEntry, AuditPage } from '../../api/types.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../format.ts';

/** The actions the server records; the filter offers these. */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.locked_out',
  'auth.logout',
  'auth.logout_all',
  'auth.refresh_reused',
  'auth.password_changed',
  'auth.totp_enabled',
  'auth.totp_disabled',
  'auth.backup_code_used',
  'session.revoked',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'apikey.created',
  'apikey.revoked',
  'webhook.created',
  'webhook.deleted',
  'webhook.disabled',
];

const pageSize = 50;

function auditUrl(action: string, before: string | null): string {
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (action) query.set('action', action);
  if (before) query.set('before', before);
  return `/api/admin/audit?${query.toString()}`;
}

function describeMetadata(metadata: unknown): string {
  if (metadata === null || metadata === undefined) return '';
  if (typeof metadata === 'string') return metadata;
  if (typeof metadata === 'object') {
    return Object.entries(metadata as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(', ');
  }
  return String(metadata);
}

/** Who did what, newest first, filtered by action, a page at a time. */
export function AuditPanel() {
  const [action, setAction] = useState('');
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api.get<AuditPage>(auditUrl(action, null)).then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setCursor(page.next_cursor ?? null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setItems([]);
        setCursor(null);
        setError(describeError(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [action]);

  const loadMore = async () => {
    if (cursor === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<AuditPage>(auditUrl(action, cursor));
      setItems((before) => [...before, ...page.items]);
      setCursor(page.next_cursor ?? null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <section className="card" aria-labelledby="audit-heading" data-testid="admin-audit">
      <h2 id="audit-heading">Audit log</h2>
      <div className="row">
        <label className="inline">
          Action
          <select name="audit-action" value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action-filter">
            <option value="">All actions</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice message={error} testId="audit-error" />
      <div className="table-wrap">
        <table data-testid="audit-table" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={String(entry.id)} data-testid="audit-row" data-action={entry.action}>
                <td>{formatDateTime(entry.created_at)}</td>
                <td>{entry.username ?? (entry.api_key_id !== null ? `API key ${String(entry.api_key_id)}` : '—')}</td>
                <td>
                  <code data-testid="audit-action">{entry.action}</code>
                </td>
                <td>{entry.ip_address ?? '—'}</td>
                <td className="small">{describeMetadata(entry.metadata)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error && <p className="muted">No entries.</p>}
      {cursor !== null && (
        <div className="row">
          <button type="button" className="button-ghost" onClick={loadMore} disabled={loading} data-testid="audit-load-more">
            Load more
          </button>
        </div>
      )}
    </section>
  );
}
