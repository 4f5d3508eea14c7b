import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useChat, useHubEvent } from './ChatContext.ts';
import { PanelFrame, Unavailable } from './PanelFrame.tsx';
import type { PinEvent, Uuid } from './types.ts';

/** The channel's pinned messages, kept current by `pin.added` / `pin.removed`. */
export function PinsPanel({ channelId, onClose }: { channelId: Uuid; onClose: () => void }) {
  const { users } = useChat();
  const pins = useResource(() => chatApi.pins(channelId), [channelId]);
  const [error, setError] = useState<string | null>(null);
  useHubEvent<PinEvent>('pin.added', (e) => e.channel_id === channelId && pins.reload(), [channelId]);
  useHubEvent<PinEvent>('pin.removed', (e) => e.channel_id === channelId && pins.reload(), [channelId]);

  return (
    <PanelFrame title="Pinned messages" testId="pins-panel" onClose={onClose}>
      {pins.error && <Unavailable error={pins.error} />}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {pins.data?.length === 0 && <p className="muted">Nothing pinned yet.</p>}
      <ul className="chat-panel-list">
        {pins.data?.map((pin) => (
          <li key={pin.message.id} data-testid="pin">
            <strong>{users.name(pin.message.sender_id)}</strong>: {pin.message.plaintext ?? '…'}
            <div className="muted">
              pinned by {users.name(pin.pinned_by)}, {formatDateTime(pin.pinned_at)}
              <button
                type="button"
                className="link-button"
                onClick={() => chatApi.unpin(pin.message.id).then(pins.reload, (e: unknown) => setError(describeError(e)))}
              >
                Unpin
              </button>
            </div>
          </li>
        ))}
      </ul>
    </PanelFrame>
  );
}

