import { useEffect } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useAction } from '../tickets/useAction.ts';
import { useResource } from '../useResource.ts';
import { triageApi } from './triageApi.ts';
import type { TriageAccount } from './types.ts';

/** How often the list is fetched again while open: connection state changes on its own (reconnects, IDLE). */
const refreshMs = 5000;

/** `/triage/accounts`: every IMAP account with its connection, counts and last error; pause, resume, reconnect, process now. */
export function AccountsPanel() {
  const accounts = useResource(() => triageApi.accounts());
  const health = useResource(() => triageApi.health(), [accounts.data]);
  const action = useAction();
  const { reload } = accounts;

  useEffect(() => {
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload]);

  const command = async (name: string, what: 'pause' | 'resume' | 'reconnect' | 'process-now') => {
    if (await action.run(() => triageApi.accountCommand(name, what))) reload();
  };

  return (
    <div className="stack" data-testid="triage-accounts">
      {health.data && (
        <p className="row small" data-testid="triage-health">
          <span className={health.data.status === 'ok' ? 'badge badge-on' : 'badge badge-off'} data-testid="triage-health-status">
            {health.data.status}
          </span>
          <span>
            {health.data.connected} of {health.data.accounts} connected, {health.data.paused} paused
          </span>
          <span>{health.data.dead_letters} open dead letters</span>
          {health.data.antivirus?.enabled && (
            <span data-testid="triage-health-antivirus" data-reachable={String(health.data.antivirus.reachable)}>
              {health.data.antivirus.reachable ? 'clamd reachable' : 'clamd unreachable: attachments go unscanned'}
            </span>
          )}
          <span className="muted">Last processed {formatDateTime(health.data.last_processed_at)}</span>
        </p>
      )}
      <ErrorNotice message={accounts.error} testId="triage-accounts-error" />
      <ErrorNotice message={action.error} testId="triage-account-action-error" />
      {accounts.data && accounts.data.length === 0 && (
        <div className="empty-state" data-testid="triage-accounts-empty">
          <p className="empty-title">No accounts</p>
          <p className="muted">Add IMAP accounts under triage.accounts in the settings.</p>
        </div>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <div className="table-wrap">
          <table data-testid="triage-accounts-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
                <th scope="col">Folders</th>
                <th scope="col">Processed</th>
                <th scope="col">Dead letters</th>
                <th scope="col">Last processed</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <AccountRow key={account.name} account={account} busy={action.busy} onCommand={(what) => void command(account.name, what)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function statusOf(account: TriageAccount): { text: string; className: string } {
  if (account.paused) return { text: 'paused', className: 'badge' };
  if (account.connected) return { text: account.mode === 'unknown' ? 'connected' : `connected (${account.mode})`, className: 'badge badge-on' };
  return { text: 'disconnected', className: 'badge badge-off' };
}

function AccountRow({ account, busy, onCommand }: { account: TriageAccount; busy: boolean; onCommand(what: 'pause' | 'resume' | 'reconnect' | 'process-now'): void }) {
  const status = statusOf(account);
  return (
    <tr data-testid="triage-account" data-account={account.name} data-connected={account.connected} data-paused={account.paused}>
      <th scope="row">{account.name}</th>
      <td>
        <span className={status.className} data-testid="triage-account-status">
          {status.text}
        </span>
      </td>
      <td>{account.folders.join(', ')}</td>
      <td data-testid="triage-account-processed">{account.processed_count}</td>
      <td data-testid="triage-account-dead-letters">{account.dead_letter_count}</td>
      <td>{formatDateTime(account.last_processed_at)}</td>
      <td className="small">{account.last_error ?? '—'}</td>
      <td>
        <div className="row">
          {account.paused ? (
            <button type="button" disabled={busy} onClick={() => onCommand('resume')} data-testid="triage-account-resume">
              Resume
            </button>
          ) : (
            <button type="button" className="button-ghost" disabled={busy} onClick={() => onCommand('pause')} data-testid="triage-account-pause">
              Pause
            </button>
          )}
          <button type="button" className="button-ghost" disabled={busy} onClick={() => onCommand('reconnect')} data-testid="triage-account-reconnect">
            Reconnect
          </button>
          <button type="button" className="button-ghost" disabled={busy || account.paused} onClick={() => onCommand('process-now')} data-testid="triage-account-process-now">
            Process now
          </button>
        </div>
      </td>
    </tr>
  );
}
