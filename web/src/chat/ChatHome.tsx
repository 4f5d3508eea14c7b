import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';

/** The invite code in a pasted link (…/chat/invite/CODE) or the code itself. */
export function inviteCodeOf(text: string): string {
  const match = /\/chat\/invite\/([^/?#\s]+)/.exec(text);
  return (match?.[1] ? decodeURIComponent(match[1]) : text).trim();
}

/** Chat with nothing open: how to start, and joining a community by invite. */
export function ChatHome() {
  const navigate = useNavigate();
  const { structureChanged } = useChat();
  const [invite, setInvite] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="page" data-testid="chat-home">
      <h1>Chat</h1>
      <p className="muted">Pick a community or a direct message on the left, or create a community.</p>
      <form
        className="inline"
        data-testid="join-invite-form"
        onSubmit={(event) => {
          event.preventDefault();
          chatApi.joinByInvite(inviteCodeOf(invite)).then(
            (community) => {
              structureChanged();
              navigate(`/chat/communities/${community.id}`);
            },
            (e: unknown) => setError(describeError(e)),
          );
        }}
      >
        <label>
          Invite link or code
          <input value={invite} onChange={(e) => setInvite(e.target.value)} />
        </label>
        <button type="submit">Join</button>
      </form>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
    </section>
  );
}
