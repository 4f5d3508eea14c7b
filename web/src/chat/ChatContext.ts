import { createContext, useContext, useEffect, useState } from 'react';
import type { ChatHub, HubStatus } from './ChatHub.ts';
import type { UserDirectory } from './UserDirectory.ts';

export interface ChatServices {
  hub: ChatHub;
  users: UserDirectory;
  /** Changes whenever the directory learns names, so consumers of `users` render again. */
  namesVersion: number;
  /** Bumped when communities, groups, channels or DMs change, so lists load again. */
  structureVersion: number;
  structureChanged(): void;
}

export const ChatContext = createContext<ChatServices | null>(null);

export function useChat(): ChatServices {
  const chat = useContext(ChatContext);
  if (chat === null) throw new Error('useChat needs the Chat page above it.');
  return chat;
}

/** Calls `handler` for each hub event named `event` while the component is mounted. */
export function useHubEvent<T>(event: string, handler: (payload: T) => void, deps: readonly unknown[]): void {
  const { hub } = useChat();
  useEffect(() => hub.on<T>(event, handler), [hub, event, ...deps]);
}

export function useHubStatus(): HubStatus {
  const { hub } = useChat();
  const [status, setStatus] = useState(hub.status);
  useEffect(() => hub.onStatus(setStatus), [hub]);
  return status;
}
