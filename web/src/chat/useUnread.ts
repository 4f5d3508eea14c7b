import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { chatApi } from './chatApi.ts';
import type { Uuid } from './types.ts';

export interface UnreadCount {
  channel_id: Uuid;
  unread_count: number;
  mention_count: number;
}

/**
 * Unread counts per channel (`GET /api/chat/unread`), fetched again on every move inside Chat
 * (opening a channel marks it read). Empty when the server has no read state yet.
 */
export function useUnread(): Map<Uuid, UnreadCount> {
  const location = useLocation();
  const [counts, setCounts] = useState<Map<Uuid, UnreadCount>>(new Map());
  useEffect(() => {
    let current = true;
    chatApi.unread().then(
      (list) => current && setCounts(new Map(list.map((u) => [u.channel_id, u]))),
      () => current && setCounts(new Map()),
    );
    return () => {
      current = false;
    };
  }, [location.pathname]);
  return counts;
}
