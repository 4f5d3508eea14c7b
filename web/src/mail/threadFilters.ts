import { threadStates, type ThreadFilters, type ThreadState } from './types.ts';

/**
 * The thread list's filters as kept in the address: `?state=archived&label=urgent`. No `state` means open threads
 * (the inbox as a mail client shows it); `state=all` lists every state.
 */
export function filtersOf(params: URLSearchParams): ThreadFilters {
  const state = params.get('state');
  return {
    state: state === 'all' ? '' : threadStates.includes(state as ThreadState) ? (state as ThreadState) : 'open',
    label: params.get('label')?.trim() ?? '',
  };
}

/** The address's query for `filters` (the default, open threads without a label, is none). */
export function paramsOf(filters: ThreadFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.state !== 'open') params.set('state', filters.state === '' ? 'all' : filters.state);
  if (filters.label !== '') params.set('label', filters.label);
  return params;
}

export const stateLabels: Record<ThreadState, string> = { open: 'Open', archived: 'Archived', spam: 'Spam', trash: 'Trash' };
