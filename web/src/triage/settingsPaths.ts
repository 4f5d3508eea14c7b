import type { SettingsNode, SettingsObject } from './types.ts';

// Paths are dotted keys, with list items by position: `confidence.minimum_threshold`, `accounts.0.forward.smtp.port`.
// Every edit copies the settings and changes only its path, so keys the form has no field for travel back untouched.

/** The node at a dotted path (objects by key, lists by position); undefined when unset. */
export function nodeAt(settings: SettingsObject, path: string): SettingsNode | undefined {
  let node: SettingsNode | undefined = settings;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(part)] : (node as SettingsObject)[part];
  }
  return node;
}

/** The value at a dotted path of the settings, as written; '' when unset or not a single value. */
export function valueAt(settings: SettingsObject, path: string): string {
  const node = nodeAt(settings, path);
  return typeof node === 'string' ? node : '';
}

/** The list of values at a path (`categories`); [] when unset. */
export function listAt(settings: SettingsObject, path: string): string[] {
  const node = nodeAt(settings, path);
  return Array.isArray(node) ? node.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A copy of the settings with the node at `path` replaced (undefined removes it, so the server's default applies).
 * Containers missing on the way are made: a list where the next part is a position, else an object.
 */
export function withNode(settings: SettingsObject, path: string, value: SettingsNode | undefined): SettingsObject {
  const copy = structuredClone(settings);
  const parts = path.split('.');
  let node: SettingsObject | SettingsNode[] = copy;
  const get = (container: SettingsObject | SettingsNode[], key: string) =>
    Array.isArray(container) ? container[Number(key)] : container[key];
  const put = (container: SettingsObject | SettingsNode[], key: string, child: SettingsNode) => {
    if (Array.isArray(container)) container[Number(key)] = child;
    else container[key] = child;
  };
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    let next = get(node, part);
    if (next === null || next === undefined || typeof next !== 'object') {
      next = /^\d+$/.test(parts[i + 1] as string) ? [] : {};
      put(node, part, next);
    }
    node = next as SettingsObject | SettingsNode[];
  }
  const last = parts[parts.length - 1] ?? path;
  if (value !== undefined) put(node, last, value);
  else if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}

/** A copy of the settings with the value at `path` set ('' removes it, so the server's default applies). */
export function withValue(settings: SettingsObject, path: string, value: string): SettingsObject {
  return withNode(settings, path, value === '' ? undefined : value);
}

/** A copy with the list at `path` set; an empty list removes the key. */
export function withList(settings: SettingsObject, path: string, values: string[]): SettingsObject {
  return withNode(settings, path, values.length === 0 ? undefined : values);
}

/** A validation error's key (`Triage:confidence:minimum_threshold`) as the form's path (`confidence.minimum_threshold`). */
export function pathOfErrorKey(key: string): string {
  return key.replace(/^triage:/i, '').split(':').join('.').toLowerCase();
}

/** Every reason given for `path` or anything under it (a list's items: `categories.1`). */
export function errorsUnder(errorsByPath: Record<string, string[]>, path: string): string[] | undefined {
  const lower = path.toLowerCase();
  const reasons = Object.entries(errorsByPath)
    .filter(([key]) => key === lower || key.startsWith(`${lower}.`))
    .flatMap(([, list]) => list);
  return reasons.length > 0 ? reasons : undefined;
}
