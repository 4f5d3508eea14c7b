import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { ticketsApi } from './ticketsApi.ts';
import type { Ticket } from './types.ts';

/**
 * The reply form: text, sent named (signed with the staff member's name and role) or anonymously
 * (as the desk's anonymous name); a snippet fills the text, to be sent as it is or changed first.
 */
export function ReplyBox({ ticket, onSent }: { ticket: Ticket; onSent(): void }) {
  const { desk } = useDesk();
  const snippets = useResource(() => ticketsApi.snippets(desk.id), [desk.id]);
  const [content, setContent] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (content.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await ticketsApi.reply(desk.id, ticket.id, { content, anonymous });
      setContent('');
      onSent();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack tickets-reply" onSubmit={send} aria-label="Reply" data-testid="ticket-reply-form">
      <label>
        Reply to {ticket.user_name}
        <textarea
          rows={4}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
          }}
          data-testid="ticket-reply-text"
        />
      </label>
      <div className="row">
        {(snippets.data?.length ?? 0) > 0 && (
          <label className="inline">
            Snippet
            <select
              value=""
              onChange={(e) => {
                const snippet = snippets.data?.find((s) => s.key === e.target.value);
                if (snippet) setContent(snippet.content);
              }}
              data-testid="ticket-snippet-picker"
            >
              <option value="">Insert a snippet…</option>
              {snippets.data?.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.key}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="ticket-reply-anonymous" />
          Anonymous (as “{desk.anonymous_name}”)
        </label>
        <button type="submit" disabled={busy || content.trim() === ''} data-testid="ticket-reply-send">
          {busy ? 'Sending…' : anonymous ? 'Send anonymously' : 'Send'}
        </button>
      </div>
      <ErrorNotice message={error} testId="ticket-reply-error" />
    </form>
  );
}
