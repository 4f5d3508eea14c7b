import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { mailApi } from './mailApi.ts';

/** A message's or thread's labels as chips; with `onRemove`, each has a button that takes it off. */
export function LabelChips({ labels, onRemove, busy }: { labels: readonly string[] | null | undefined; onRemove?(label: string): void; busy?: boolean }) {
  if (!labels || labels.length === 0) return null;
  return (
    <ul className="mail-labels" aria-label="Labels" data-testid="mail-labels">
      {labels.map((label) => (
        <li key={label} className="mail-label" data-testid="mail-label" data-label={label}>
          {label}
          {onRemove && (
            <button type="button" disabled={busy} onClick={() => onRemove(label)} aria-label={`Remove label ${label}`} data-testid="mail-label-remove">
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A message's labels with "add" and "remove" (`PUT` / `DELETE /api/mail/messages/{id}/labels/{label}`); the chips
 * follow the server's answer, and `onChanged` tells the mailbox (its list shows labels and filters on them).
 */
export function MessageLabels({ messageId, labels, onChanged }: { messageId: string; labels: readonly string[]; onChanged?(): void }) {
  const [current, setCurrent] = useState<readonly string[]>(labels);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (work: () => Promise<{ labels: string[] }>) => {
    setBusy(true);
    setError(null);
    try {
      setCurrent((await work()).labels);
      onChanged?.();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const label = typed.trim();
    if (label === '') return;
    if (await change(() => mailApi.addLabel(messageId, label))) setTyped('');
  };

  return (
    <div className="stack mail-message-labels" data-testid="mail-message-labels">
      <div className="row">
        <LabelChips labels={current} busy={busy} onRemove={(label) => void change(() => mailApi.removeLabel(messageId, label))} />
        <form className="row mail-label-form" onSubmit={add} data-testid="mail-label-form">
          <label className="visually-hidden" htmlFor={`mail-label-${messageId}`}>
            Add a label
          </label>
          <input id={`mail-label-${messageId}`} type="text" maxLength={100} placeholder="Add a label" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="mail-label-input" />
          <button type="submit" className="button-ghost" disabled={busy || typed.trim() === ''} data-testid="mail-label-add">
            Add
          </button>
        </form>
      </div>
      <ErrorNotice message={error} testId="mail-label-error" />
    </div>
  );
}
