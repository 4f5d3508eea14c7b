import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import type { Id, SessionInfo } from '../../api/types.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { describeUserAgent, formatDateTime } from '../../format.ts';
import { useResource } from '../../useResource.ts';

/** Where the account is signed in, with a way to end any of those sessions, or all of them. */
export function SessionsSection() {
  const sessions = useResource(() => api.get<SessionInfo[]>('/api/account/sessions'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const revoke = async (id: Id) => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/account/sessions/${encodeURIComponent(String(id))}`);
      sessions.reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const signOutEverywhere = async () => {
    setBusy(true);
    await api.logoutEverywhere();
    navigate('/sign-in', { replace: true });
  };

  return (
    <section className="card" aria-labelledby="sessions-heading" data-testid="sessions">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorNotice message={error ?? sessions.error} testId="sessions-error" />
      {sessions.data === undefined ? (
        <p className="muted">{sessions.loading ? 'Loading sessions…' : ''}</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {sessions.data.map((session) => {
            const device = session.device_name || describeUserAgent(session.user_agent);
            return (
              <li key={String(session.id)} className="session" data-testid="session-row" data-current={session.current ? 'true' : 'false'}>
                <div>
                  <p className="session-device">
                    {device}{' '}
                    {session.current && (
                      <span className="badge badge-on" data-testid="this-device">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="muted small">
                    {session.ip_address ?? 'unknown address'} · signed in {formatDateTime(session.created_at)} · last active{' '}
                    {formatDateTime(session.last_seen_at)}
                  </p>
                </div>
                {!session.current && (
                  <button type="button" className="button-ghost" disabled={busy} onClick={() => revoke(session.id)} data-testid="revoke-session" aria-label={`Revoke session on ${device}`}>
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="row">
        <button type="button" className="button-danger" disabled={busy} onClick={signOutEverywhere} data-testid="sign-out-everywhere">
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
