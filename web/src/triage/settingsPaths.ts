import type { SettingsNode, SettingsObject } from './types.ts';

/** The value at a dotted path (`confidence.minimum_threshold`) of the settings, as written; '' when unset. */
export function valueAt(settings: SettingsObject, path: string): string {
  let node: SettingsNode | undefined = settings;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return '';
    node = (node as SettingsObject)[part];
  }
  return typeof node === 'string' ? node : '';
}

/** A copy of the settings with the value at `path` set ('' removes it, so the server's default applies). */
export function withValue(settings: SettingsObject, path: string, value: string): SettingsObject {
  const copy = structuredClone(settings);
  const parts = path.split('.');
  let node: SettingsObject = copy;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as SettingsObject;
  }
  const last = parts[parts.length - 1] ?? path;
  if (value === '') delete node[last];
  else node[last] = value;
  return copy;
}

/** A validation error's key (`Triage:confidence:minimum_threshold`) as the form's path (`confidence.minimum_threshold`). */
export function pathOfErrorKey(key: string): string {
  return key.replace(/^triage:/i, '').split(':').join('.').toLowerCase();
}
