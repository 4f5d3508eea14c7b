import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/ApiError.ts';
import { api } from '../../api/browserClient.ts';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';

/** Current password, new password twice. */
export function PasswordForm({ onChanged }: { onChanged: () => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) {
      setError('The new passwords do not match.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/account/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      await onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack narrow" data-testid="password-form">
      <ErrorNotice message={error} testId="password-error" />
      <SuccessNotice testId="password-changed">{done && 'Your password has been changed.'}</SuccessNotice>
      <label>
        Current password
        <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label>
        New password
        <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label>
        Confirm new password
        <input type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </label>
      <div>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </div>
    </form>
  );
}
