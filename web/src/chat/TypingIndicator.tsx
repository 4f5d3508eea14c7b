import { useEffect, useState } from 'react';
import { useChat, useHubEvent } from './ChatContext.ts';
import type { TypingEvent, Uuid } from './types.ts';

/** How long a typing signal counts; senders repeat it every few seconds while they type. */
const showForMs = 5000;

/** "alice is typing…" for the channel, from the hub's `typing` events; names drop out after a few quiet seconds. */
export function TypingIndicator({ channelId, me }: { channelId: Uuid; me: Uuid }) {
  const { users } = useChat();
  const [typers, setTypers] = useState<Map<Uuid, number>>(new Map());

  useHubEvent<TypingEvent>(
    'typing',
    (event) => {
      if (event.channel_id !== channelId || event.user_id === me) return;
      setTypers((current) => new Map(current).set(event.user_id, Date.now() + showForMs));
    },
    [channelId, me],
  );

  useEffect(() => {
    if (typers.size === 0) return;
    const timer = setInterval(() => {
      setTypers((current) => {
        const now = Date.now();
        const left = new Map([...current].filter(([, until]) => until > now));
        return left.size === current.size ? current : left;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [typers.size]);

  useEffect(() => setTypers(new Map()), [channelId]);

  const names = [...typers.keys()].map((id) => users.name(id));
  return (
    <p className="chat-typing muted" data-testid="typing-indicator" aria-live="polite">
      {names.length === 0 ? '\u00a0' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`}
    </p>
  );
}
