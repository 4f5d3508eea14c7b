import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { mailApi } from './mailApi.ts';
import type { Domain, Inbox } from './types.ts';

/** Creates an inbox under a domain: an address (local part) or the domain's catch-all, with a display name. */
export function CreateInboxForm({ domain, onCreated }: { domain: Domain; onCreated: (inbox: Inbox) => void }) {
  const [localPart, setLocalPart] = useState('');
  const [name, setName] = useState('');
  const [catchAll, setCatchAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const inbox = await mailApi.createInbox({
        domain_id: domain.id,
        local_part: catchAll ? undefined : localPart.trim(),
        name: name.trim(),
        is_catchall: catchAll,
      });
      setLocalPart('');
      setName('');
      setCatchAll(false);
      onCreated(inbox);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack" data-testid="mail-create-inbox-form" aria-label={`New inbox on ${domain.name}`}>
      <h3>New inbox</h3>
      <ErrorNotice message={error} testId="mail-create-inbox-error" />
      <div className="grid-form">
        <label>
          Address
          <span className="mail-address-input">
            <input
              name="inbox-local-part"
              aria-label="Local part"
              autoComplete="off"
              required={!catchAll}
              disabled={catchAll}
              placeholder={catchAll ? '*' : 'support'}
              value={catchAll ? '' : localPart}
              onChange={(e) => setLocalPart(e.target.value)}
            />
            <span className="muted">@{domain.name}</span>
          </span>
        </label>
        <label>
          Display name
          <input name="inbox-name" autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="inbox-catchall" checked={catchAll} onChange={(e) => setCatchAll(e.target.checked)} />
          Catch-all (every address on the domain that has no inbox of its own)
        </label>
        <div className="form-end">
          <button type="submit" disabled={busy}>
            Create inbox
          </button>
        </div>
      </div>
    </form>
  );
}
