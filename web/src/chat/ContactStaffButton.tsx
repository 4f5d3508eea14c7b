import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, describeError } from '../api/ApiError.ts';
import { ticketsApi } from '../tickets/ticketsApi.ts';
import { useResource } from '../useResource.ts';
import { useChat } from './ChatContext.ts';
import type { Uuid } from './types.ts';

/**
 * "Contact staff" for a community with Modmail on: opens (or finds) the member's DM with the
 * desk's bot and goes there; what the member writes in it becomes a ticket. Nothing shows when the
 * community has no desk, or it is off.
 */
export function ContactStaffButton({ communityId }: { communityId: Uuid }) {
  const navigate = useNavigate();
  const { structureChanged } = useChat();
  const desk = useResource(
    () => ticketsApi.communityDesk(communityId).catch((failure: unknown) => (failure instanceof ApiError && failure.status === 404 ? null : Promise.reject(failure))),
    [communityId],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const found = desk.data;
  if (!found || !found.enabled) return null;

  const contact = async () => {
    setBusy(true);
    setError(null);
    try {
      const dm = await ticketsApi.contact(found.id);
      // The DM may be new: the sidebar lists it.
      structureChanged();
      navigate(`/chat/dms/${dm.channel_id}?with=${dm.bot_user_id}`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <div className="row">
      <button type="button" onClick={() => void contact()} disabled={busy} data-testid="contact-staff">
        Contact staff
      </button>
      {error && (
        <span className="notice notice-error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
