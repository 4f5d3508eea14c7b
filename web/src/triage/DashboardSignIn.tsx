import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import type { User } from '../api/types.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { FieldErrors } from '../tickets/FieldErrors.tsx';
import { describeFailure } from '../tickets/format.ts';
import { useResource } from '../useResource.ts';
import { dashboardSession, type SessionEnd } from './dashboardSession.ts';

type Refusal = { message: string; code: string; fields: Record<string, string[]> };

/**
 * `/triage` for someone without a Parley owner/admin session: the sign-in of Mailpilot's dashboard users — or, while
 * the server has none, the first-run setup that creates the first one (as Mailpilot's `/api/setup`).
 */
export function DashboardSignIn({ parleyUser, ended }: { parleyUser: User | null; ended: SessionEnd | null }) {
  const setup = useResource(() => dashboardSession.needsSetup());
  const [setupDone, setSetupDone] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const firstRun = setup.data === true && !setupDone;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      if (firstRun) await dashboardSession.setup(username.trim(), password);
      else await dashboardSession.signIn(username.trim(), password);
      // Signed in: the session's subscribers show the dashboard.
    } catch (failure) {
      const code = failure instanceof ApiError ? failure.code : 'error';
      // Someone else finished the setup meanwhile: this person signs in instead.
      if (code === 'setup_done') setSetupDone(true);
      setRefusal({ ...describeFailure(failure), code });
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card auth-card stack" data-testid="triage-dashboard-sign-in">
      {parleyUser !== null && (
        <p className="notice" data-testid="triage-not-admin">
          The Triage dashboard is for Parley's owners and admins, and for Triage dashboard users. Your Parley account is
          neither an owner nor an admin: sign in as a dashboard user below.
        </p>
      )}
      {ended === 'expired' && !refusal && (
        <p className="notice" role="status" data-testid="triage-session-ended">
          Your dashboard session has ended (it expired or was closed). Sign in again to continue.
        </p>
      )}
      {setup.error && <ErrorNotice message={setup.error} testId="triage-setup-status-error" />}
      {setup.loading && setup.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <form className="stack" onSubmit={submit} data-testid={firstRun ? 'triage-setup-form' : 'triage-sign-in-form'}>
          <h2>{firstRun ? 'Set up the Triage dashboard' : 'Sign in to the Triage dashboard'}</h2>
          {firstRun ? (
            <p className="hint" data-testid="triage-setup-explained">
              No dashboard user exists yet. Create the first one: it is signed in at once, can use the whole Triage
              dashboard (accounts, audit, rules, settings) and can add more dashboard users. Dashboard users have no
              Parley account and reach nothing outside Triage; Parley's owners and admins always use their own account.
            </p>
          ) : (
            <p className="hint">For Triage dashboard users (Mailpilot's). Parley's owners and admins sign in to Parley instead.</p>
          )}
          <label>
            Username
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
            <FieldErrors reasons={refusal?.fields.username} />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete={firstRun ? 'new-password' : 'current-password'}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <FieldErrors reasons={refusal?.fields.password} />
          </label>
          {firstRun && <p className="hint">At least 8 characters (at most 72 bytes).</p>}
          {refusal && Object.keys(refusal.fields).length === 0 && (
            <p className="notice notice-error" role="alert" data-testid="triage-sign-in-error" data-code={refusal.code}>
              {refusal.message}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {firstRun ? (busy ? 'Creating…' : 'Create and sign in') : busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {parleyUser === null && (
        <p className="hint">
          A Parley owner or admin? <Link to="/sign-in" state={{ from: '/triage' }}>Sign in to Parley</Link>.
        </p>
      )}
    </div>
  );
}
