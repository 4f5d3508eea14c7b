import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';

/** Where an invite link lands: says what it is and joins on request. */
export function InvitePage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { structureChanged } = useChat();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="page" data-testid="invite-page">
      <h1>You are invited</h1>
      <p>Someone invited you to a community on this server.</p>
      <button
        type="button"
        onClick={() =>
          chatApi.joinByInvite(code).then(
            (community) => {
              structureChanged();
              navigate(`/chat/communities/${community.id}`, { replace: true });
            },
            (e: unknown) => setError(describeError(e)),
          )
        }
      >
        Join community
      </button>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
    </section>
  );
}
