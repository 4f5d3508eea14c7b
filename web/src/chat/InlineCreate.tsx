import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';

/** A one-field form that creates something (a community, group, channel, DM) and reports failure in place. */
export function InlineCreate({ label, button, testId, onCreate }: {
  label: string;
  button: string;
  testId: string;
  onCreate: (value: string) => Promise<unknown>;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="chat-inline-create"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim() === '') return;
        setBusy(true);
        onCreate(value.trim()).then(
          () => {
            setValue('');
            setError(null);
            setBusy(false);
          },
          (e: unknown) => {
            setError(describeError(e));
            setBusy(false);
          },
        );
      }}
    >
      <label>
        <span className="visually-hidden">{label}</span>
        <input value={value} placeholder={label} aria-label={label} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="button-ghost" disabled={busy}>
        {button}
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
