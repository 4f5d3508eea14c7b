import { createContext, useContext } from 'react';

/** What the Mail area shares: a version that moves when domains or inboxes change, so the sidebar reloads. */
export interface MailServices {
  structureVersion: number;
  structureChanged(): void;
}

export const MailContext = createContext<MailServices>({ structureVersion: 0, structureChanged: () => undefined });

export function useMail(): MailServices {
  return useContext(MailContext);
}
