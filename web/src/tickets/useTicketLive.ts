import { useEffect, useRef, useState } from 'react';
import { ChatHub, type HubStatus } from '../chat/ChatHub.ts';
import type { Uuid } from './types.ts';

/**
 * Live changes of an open ticket. Its `channel_id` is the Chat channel where the staff side of the
 * ticket lives (the viewer, as staff, is a member), so the Chat hub's events for that channel say
 * when the transcript changed: a member message relayed by the bot, a reply, a note, an edit or a
 * deletion. `onChange` runs for each (and after a reconnect, which may have missed some); the
 * caller fetches the transcript again. The status is "connected" only once the channel is
 * subscribed, so what happens from then on is seen.
 */
export function useTicketLive(channelId: Uuid | null, onChange: () => void): HubStatus | null {
  const [status, setStatus] = useState<HubStatus | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!channelId) {
      setStatus(null);
      return;
    }
    const hub = new ChatHub();
    let subscribed = false;
    const forThisChannel = (payload: unknown) => {
      if (payload && typeof payload === 'object' && (payload as { channel_id?: unknown }).channel_id === channelId) changed.current();
    };
    const offs = [
      hub.on('message.created', forThisChannel),
      hub.on('message.updated', forThisChannel),
      hub.on('message.deleted', forThisChannel),
      hub.onStatus((next) => {
        if (next === 'connected' && subscribed) changed.current();
        setStatus(next === 'connected' && !subscribed ? 'connecting' : next);
      }),
    ];
    setStatus('connecting');
    // Remembered before the start, so the hub subscribes as soon as it is connected (and again after reconnects).
    void hub.subscribeChannel(channelId).catch(() => undefined);
    hub.start().then(
      () => {
        subscribed = true;
        setStatus(hub.status);
      },
      () => undefined,
    );
    return () => {
      for (const off of offs) off();
      void hub.stop();
    };
  }, [channelId]);

  return status;
}
