import { createContext, useContext } from 'react';
import type { Resource } from '../useResource.ts';
import type { SettingsView } from './types.ts';

/** The settings in force, loaded once by the Triage area and reloaded after any change (form, YAML, dry-run toggle). */
export const TriageSettingsContext = createContext<Resource<SettingsView> | null>(null);

export function useTriageSettings(): Resource<SettingsView> {
  const settings = useContext(TriageSettingsContext);
  if (settings === null) throw new Error('useTriageSettings needs the Triage area above it.');
  return settings;
}

/** A settings leaf as a boolean (values are kept as written: "true", "True", "false"). */
export function isTrue(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}
