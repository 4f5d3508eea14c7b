import { createContext, useContext } from 'react';
import type { Desk, MyPanel, PanelPermission } from './types.ts';

/** The open desk and what the viewer may do there (`GET …/me`), for every page under /tickets/:deskId. */
export interface DeskServices {
  desk: Desk;
  me: MyPanel;
  can(permission: PanelPermission): boolean;
  /** Name of the community the desk serves, when known. */
  deskName: string;
}

export const DeskContext = createContext<DeskServices | null>(null);

export function useDesk(): DeskServices {
  const desk = useContext(DeskContext);
  if (desk === null) throw new Error('useDesk needs the desk page above it.');
  return desk;
}

export function permissionsOf(me: MyPanel): (permission: PanelPermission) => boolean {
  return (permission) => me.super_admin || me.permissions.includes(permission);
}
