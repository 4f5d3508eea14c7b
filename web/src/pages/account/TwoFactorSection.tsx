import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import type { TotpSetup } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { QrCode } from '../../components/QrCode.tsx';

/** Turning TOTP on (secret, confirmation code, backup codes shown once) and off again. */
export function TwoFactorSection() {
  const { user, reloadUser } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const begin = () =>
    run(async () => {
      setSetup(await api.post<TotpSetup>('/api/account/totp/setup'));
      setCode('');
    });

  const enable = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const answer = await api.post<{ backup_codes: string[] }>('/api/account/totp/enable', { code: code.replace(/\s+/g, '') });
      setBackupCodes(answer.backup_codes);
      setSetup(null);
      await reloadUser();
    });
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api.post('/api/account/totp/disable', { password });
      setPassword('');
      await reloadUser();
    });
  };

  return (
    <section className="card" aria-labelledby="totp-heading" data-testid="two-factor">
      <h2 id="totp-heading">Two-factor authentication</h2>
      <ErrorNotice message={error} testId="totp-error" />

      {backupCodes !== null && (
        <div className="secret-box" data-testid="backup-codes-panel">
          <p>
            <strong>Two-factor authentication is on.</strong> Save these backup codes somewhere safe. Each one signs you in once if
            you lose your authenticator; they will not be shown again.
          </p>
          <ol className="backup-codes" data-testid="backup-codes">
            {backupCodes.map((backupCode) => (
              <li key={backupCode}>
                <code>{backupCode}</code>
              </li>
            ))}
          </ol>
          <div className="row">
            <CopyButton text={backupCodes.join('\n')} label="Copy codes" />
            <button type="button" onClick={() => setBackupCodes(null)}>
              I have saved them
            </button>
          </div>
        </div>
      )}

      {user?.totp_enabled ? (
        backupCodes === null && (
          <form onSubmit={disable} className="stack narrow" data-testid="totp-disable-form">
            <p>
              <span className="badge badge-on" data-testid="totp-status">
                On
              </span>{' '}
              Signing in asks for a code from your authenticator app.
            </p>
            <label>
              Password
              <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <div>
              <button type="submit" className="button-danger" disabled={busy}>
                Turn off two-factor
              </button>
            </div>
          </form>
        )
      ) : setup === null ? (
        <div className="stack">
          <p>
            <span className="badge" data-testid="totp-status">
              Off
            </span>{' '}
            Add a second step to signing in: a code from an authenticator app.
          </p>
          <div>
            <button type="button" onClick={begin} disabled={busy}>
              Set up two-factor
            </button>
          </div>
        </div>
      ) : (
        <div className="totp-setup">
          <QrCode value={setup.otpauth_uri} label="QR code of the authenticator secret" />
          <div className="stack">
            <p>Scan the code with your authenticator app, or enter the secret by hand.</p>
            <p className="secret-line">
              Secret: <code data-testid="totp-secret">{setup.secret}</code> <CopyButton text={setup.secret} />
            </p>
            <details>
              <summary>Setup link</summary>
              <code className="wrap" data-testid="totp-uri">
                {setup.otpauth_uri}
              </code>
            </details>
            <form onSubmit={enable} className="stack narrow" data-testid="totp-enable-form">
              <label>
                Code from the app
                <input
                  name="totp-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </label>
              <div className="row">
                <button type="submit" disabled={busy}>
                  Turn on
                </button>
                <button type="button" className="button-ghost" onClick={() => setSetup(null)}>
                  Cancel
                </button>
              </div>
            </form>
          </div>
        </div>
      )}
    </section>
  );
}
