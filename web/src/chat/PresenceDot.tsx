import { useEffect, useState } from 'react';
import { chatApi } from './chatApi.ts';
import { useHubEvent } from './ChatContext.ts';
import type { Presence, Uuid } from './types.ts';

/** A user's presence (online, idle, dnd, offline) as a dot; nothing when the server has no presence yet. */
export function PresenceDot({ userId }: { userId: Uuid }) {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    chatApi.presence([userId]).then((list) => setStatus(list[0]?.status ?? null), () => setStatus(null));
  }, [userId]);
  useHubEvent<Presence>('presence', (p) => p.user_id === userId && setStatus(p.status), [userId]);
  if (!status) return null;
  return <span className={`presence presence-${status}`} title={status} aria-label={status} data-testid="presence" />;
}
