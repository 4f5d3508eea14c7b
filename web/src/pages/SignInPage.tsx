import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { SignOutReason } from '../api/ApiClient.ts';
import { describeError } from '../api/ApiError.ts';
import { api } from '../api/browserClient.ts';
import { useAuth } from '../auth/AuthContext.ts';
import type { ReturnTo } from '../auth/guards.tsx';
import { ErrorNotice } from '../components/Notice.tsx';

const reasons: Record<SignOutReason, string | null> = {
  signed_out: null,
  session_ended: 'Your session has ended. Sign in again to continue.',
  session_reused:
    'For your safety this session was ended: its sign-in token was used twice, which can mean it was copied. Sign in again.',
};

/** Username and password, then — when the account has two-factor on — a TOTP or backup code. */
export function SignInPage() {
  const { state } = useAuth();
  const location = useLocation();
  const from = (location.state as ReturnTo | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed_in') {
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;
  }

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.login(username.trim(), password);
      if (result.kind === 'mfa_required') {
        setMfaToken(result.mfaToken);
        setCode('');
      }
      // Signed in: the auth state changes and this page redirects.
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (mfaToken === null) return;
    setBusy(true);
    setError(null);
    try {
      await api.loginWithCode(mfaToken, code.replace(/\s+/g, ''));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setMfaToken(null);
    setPassword('');
    setError(null);
  };

  const reason = state.status === 'signed_out' && state.reason ? reasons[state.reason] : null;

  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="auth-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <h1>Sign in to Parley</h1>
        </div>
        {reason && !error && (
          <p className="notice" role="status" data-testid="sign-in-reason">
            {reason}
          </p>
        )}
        <ErrorNotice message={error} testId="sign-in-error" />
        {mfaToken === null ? (
          <form onSubmit={signIn} className="stack" data-testid="sign-in-form">
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
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        ) : (
          <form onSubmit={verify} className="stack" data-testid="totp-form">
            <p>Two-factor authentication is on for this account.</p>
            <label>
              Authentication code
              <input
                name="code"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                required
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-describedby="code-hint"
              />
            </label>
            <p id="code-hint" className="hint">
              Enter the 6-digit code from your authenticator app, or one of your backup codes.
            </p>
            <button type="submit" disabled={busy}>
              {busy ? 'Verifying…' : 'Verify'}
            </button>
            <button type="button" className="button-ghost" onClick={startOver}>
              Use another account
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
