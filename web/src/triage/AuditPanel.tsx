import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { downloadWithToken } from '../mail/files.ts';
import { usePagedList } from '../mail/usePagedList.ts';
import { describeFailure } from '../tickets/format.ts';
import { FieldErrors } from '../tickets/FieldErrors.tsx';
import { useResource } from '../useResource.ts';
import { describeActions, describeDecider, formatConfidence } from './format.ts';
import { triageApi, triageClient } from './triageApi.ts';
import type { AuditFilters } from './types.ts';

const emptyFilters: AuditFilters = { account: '', action: '', q: '', from: '', to: '', provider: '', min_confidence: '', max_confidence: '' };
const filterKeys = Object.keys(emptyFilters) as (keyof AuditFilters)[];

/** The actions the server knows (Actions/TriageAction.cs), for the action filter. */
const actionNames = ['none', 'move', 'copy', 'flag', 'unflag', 'label', 'unlabel', 'mark_read', 'mark_unread', 'archive', 'delete', 'spam', 'forward'];

/** The filters in the address, so a reload or a shared link shows the same search. */
function filtersOf(params: URLSearchParams): AuditFilters {
  const filters = { ...emptyFilters };
  for (const key of filterKeys) filters[key] = params.get(key) ?? '';
  return filters;
}

/** `/triage/audit`: every decision, newest first, filtered (applied from the address), page by page; CSV or JSON export of the whole match. */
export function AuditPanel() {
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [form, setForm] = useState(applied);
  const appliedKey = JSON.stringify(applied);
  // The form follows the address when it changes elsewhere (Back, the tab).
  useEffect(() => setForm(filtersOf(params)), [appliedKey]);
  const accounts = useResource(() => triageApi.accounts().catch(() => []));
  // The server names each filter it refuses (validation_failed); kept to show under the field.
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const list = usePagedList(
    (cursor) =>
      triageApi.audit(applied, cursor).then(
        (page) => {
          setFields({});
          return page;
        },
        (failure: unknown) => {
          setFields(describeFailure(failure).fields);
          throw failure;
        },
      ),
    [appliedKey],
  );
  const [exportError, setExportError] = useState<string | null>(null);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of filterKeys) if (form[key].trim() !== '') next.set(key, form[key].trim());
    setParams(next, { replace: true });
  };
  const reset = () => {
    setForm(emptyFilters);
    setParams(new URLSearchParams(), { replace: true });
  };
  const download = (format: 'csv' | 'json') => {
    setExportError(null);
    downloadWithToken(triageApi.auditExportUrl(applied, format), `triage-audit.${format}`, () => triageClient().freshAccessToken()).catch((e: unknown) => setExportError(describeFailure(e).message));
  };
  const set = (key: keyof AuditFilters, value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <div className="stack" data-testid="triage-audit">
      <form className="tickets-filters" role="search" onSubmit={search} data-testid="triage-audit-filters">
        <label className="inline">
          Account
          <select value={form.account} onChange={(e) => set('account', e.target.value)} name="account">
            <option value="">Any</option>
            {accounts.data?.map((a) => (
              <option key={a.name} value={a.name}>
                {a.name}
              </option>
            ))}
            {form.account !== '' && !accounts.data?.some((a) => a.name === form.account) && <option value={form.account}>{form.account}</option>}
          </select>
        </label>
        <label className="inline">
          Action
          <select value={form.action} onChange={(e) => set('action', e.target.value)} name="action">
            <option value="">Any</option>
            {actionNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline tickets-search">
          Text
          <input type="search" placeholder="In subject or reasoning" value={form.q} onChange={(e) => set('q', e.target.value)} name="q" />
          <FieldErrors reasons={fields.q} />
        </label>
        <label className="inline">
          Provider
          <input value={form.provider} onChange={(e) => set('provider', e.target.value)} name="provider" size={10} />
        </label>
        <label className="inline">
          From
          <input type="datetime-local" value={form.from} onChange={(e) => set('from', e.target.value)} name="from" />
          <FieldErrors reasons={fields.from} />
        </label>
        <label className="inline">
          To
          <input type="datetime-local" value={form.to} onChange={(e) => set('to', e.target.value)} name="to" />
        </label>
        <label className="inline">
          Min confidence
          <input type="number" min={0} max={1} step={0.05} value={form.min_confidence} onChange={(e) => set('min_confidence', e.target.value)} name="min_confidence" />
          <FieldErrors reasons={fields.min_confidence} />
        </label>
        <label className="inline">
          Max confidence
          <input type="number" min={0} max={1} step={0.05} value={form.max_confidence} onChange={(e) => set('max_confidence', e.target.value)} name="max_confidence" />
          <FieldErrors reasons={fields.max_confidence} />
        </label>
        <button type="submit" data-testid="triage-audit-search">
          Search
        </button>
        <button type="button" className="button-ghost" onClick={reset}>
          Clear
        </button>
        <button type="button" className="button-ghost" onClick={() => download('csv')} data-testid="triage-audit-export-csv">
          Export CSV
        </button>
        <button type="button" className="button-ghost" onClick={() => download('json')} data-testid="triage-audit-export-json">
          Export JSON
        </button>
      </form>
      <ErrorNotice message={list.error} testId="triage-audit-error" />
      <ErrorNotice message={exportError} testId="triage-audit-export-error" />
      {list.loaded && list.items.length === 0 && (
        <div className="empty-state" data-testid="triage-audit-empty">
          <p className="empty-title">No decisions</p>
          <p className="muted">None match these filters.</p>
        </div>
      )}
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="triage-audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Account</th>
                <th scope="col">Subject</th>
                <th scope="col">Actions</th>
                <th scope="col">Confidence</th>
                <th scope="col">Decided by</th>
                <th scope="col">Reasoning</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-testid="triage-audit-row" data-audit-id={item.id}>
                  <td>{formatDateTime(item.created_at)}</td>
                  <td>{item.account}</td>
                  <td data-testid="triage-audit-subject">{item.subject ?? <span className="muted">—</span>}</td>
                  <td data-testid="triage-audit-actions">{describeActions(item.actions)}</td>
                  <td>{formatConfidence(item.confidence)}</td>
                  <td>{describeDecider(item)}</td>
                  <td className="small">{item.reasoning ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" className="button-ghost" onClick={list.loadMore} disabled={list.loading} data-testid="triage-audit-more">
          {list.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
