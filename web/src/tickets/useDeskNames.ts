import { useCallback, useEffect, useState } from 'react';
import { chatApi } from '../chat/chatApi.ts';
import type { Desk } from './types.ts';

/**
 * The names of the communities desks serve (a desk has only ids), from the viewer's communities;
 * a desk whose community the viewer is not in keeps a short id.
 */
export function useDeskNames(desks: Desk[] | undefined): (desk: Desk) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = desks?.map((d) => d.id).join(',') ?? '';
  useEffect(() => {
    if (!desks || desks.length === 0) return;
    let current = true;
    chatApi.communities().then(
      (communities) => {
        if (current) setNames(Object.fromEntries(communities.map((c) => [c.id, c.name])));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key]);
  return useCallback((desk: Desk) => names[desk.community_id ?? desk.staff_community_id] ?? `Desk ${desk.id.slice(0, 8)}`, [names]);
}
