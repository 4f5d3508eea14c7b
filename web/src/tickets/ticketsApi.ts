// The Modmail panel's HTTP API, one function per call, so components never build paths themselves.
import { api } from '../api/browserClient.ts';
import type {
  ApiKey, Block, Category, Contact, CreatedApiKey, Desk, DeskContact, DeskPatch, Grant, MyPanel, Page, ScheduledClose, Snippet, Statistics, Ticket,
  TicketFilters, TicketMessage, Transcript, Uuid,
} from './types.ts';

const enc = encodeURIComponent;

/** A query string of the parameters that are set. */
function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const desk = (id: Uuid) => `/api/modmail/desks/${enc(id)}`;
const ticket = (deskId: Uuid, ticketId: Uuid) => `${desk(deskId)}/tickets/${enc(ticketId)}`;

/** Fields present change; `""` clears a description or emoji. */
export type CategoryPatch = { name?: string; description?: string; emoji?: string; required_permissions?: string[]; enabled?: boolean };

export type CloseRequest = { silent?: boolean; after?: string };

export const ticketsApi = {
  desks: () => api.get<Desk[]>('/api/modmail/desks'),
  me: (deskId: Uuid) => api.get<MyPanel>(`${desk(deskId)}/me`),
  settings: (deskId: Uuid) => api.get<Desk>(desk(deskId)),
  updateSettings: (deskId: Uuid, patch: DeskPatch) => api.patch<Desk>(desk(deskId), patch),

  /** For members: the community's desk (404 when it has none). */
  communityDesk: (communityId: Uuid) => api.get<DeskContact>(`/api/modmail/communities/${enc(communityId)}/desk`),
  /** "Contact staff": the member's DM channel with the desk's bot. */
  contact: (deskId: Uuid) => api.post<Contact>(`${desk(deskId)}/contact`),

  tickets: (deskId: Uuid, filters: TicketFilters, cursor: string | null, limit = 25) =>
    api.get<Page<Ticket>>(`${desk(deskId)}/tickets${query({ ...filters, cursor, limit })}`),
  ticket: (deskId: Uuid, ticketId: Uuid) => api.get<Transcript>(ticket(deskId, ticketId)),
  exportUrl: (deskId: Uuid, ticketId: Uuid, format: 'json' | 'html') => `${ticket(deskId, ticketId)}/export.${format}`,
  reply: (deskId: Uuid, ticketId: Uuid, body: { content?: string; snippet_key?: string; anonymous: boolean }) =>
    api.post<TicketMessage>(`${ticket(deskId, ticketId)}/reply`, body),
  close: (deskId: Uuid, ticketId: Uuid, body: CloseRequest) => api.post(`${ticket(deskId, ticketId)}/close`, body),
  cancelScheduledClose: (deskId: Uuid, ticketId: Uuid) => api.delete(`${ticket(deskId, ticketId)}/scheduled-close`),
  take: (deskId: Uuid, ticketId: Uuid) => api.post<Ticket>(`${ticket(deskId, ticketId)}/take`),
  release: (deskId: Uuid, ticketId: Uuid) => api.post<Ticket>(`${ticket(deskId, ticketId)}/release`),
  move: (deskId: Uuid, ticketId: Uuid, categoryId: Uuid | null) => api.post<Ticket>(`${ticket(deskId, ticketId)}/move`, { category_id: categoryId }),

  scheduledCloses: (deskId: Uuid) => api.get<ScheduledClose[]>(`${desk(deskId)}/scheduled-closes`),

  statistics: (deskId: Uuid, days: number) => api.get<Statistics>(`${desk(deskId)}/statistics?days=${days}`),

  categories: (deskId: Uuid) => api.get<Category[]>(`${desk(deskId)}/categories`),
  createCategory: (deskId: Uuid, body: { name: string; description?: string; emoji?: string; required_permissions?: string[] }) =>
    api.post<Category>(`${desk(deskId)}/categories`, body),
  updateCategory: (deskId: Uuid, categoryId: Uuid, body: CategoryPatch) => api.patch<Category>(`${desk(deskId)}/categories/${enc(categoryId)}`, body),
  deleteCategory: (deskId: Uuid, categoryId: Uuid) => api.delete(`${desk(deskId)}/categories/${enc(categoryId)}`),

  snippets: (deskId: Uuid) => api.get<Snippet[]>(`${desk(deskId)}/snippets`),
  createSnippet: (deskId: Uuid, body: { key: string; content: string }) => api.post<Snippet>(`${desk(deskId)}/snippets`, body),
  deleteSnippet: (deskId: Uuid, key: string) => api.delete(`${desk(deskId)}/snippets/${enc(key)}`),

  blocks: (deskId: Uuid) => api.get<Block[]>(`${desk(deskId)}/blocks`),
  block: (deskId: Uuid, body: { user_id: string; user_name?: string; duration?: string }) => api.post<Block>(`${desk(deskId)}/blocks`, body),
  unblock: (deskId: Uuid, userId: string) => api.delete(`${desk(deskId)}/blocks/${enc(userId)}`),

  apiKeys: (deskId: Uuid) => api.get<ApiKey[]>(`${desk(deskId)}/api-keys`),
  createApiKey: (deskId: Uuid, body: { name: string; permissions: string[]; expires_at?: number }) =>
    api.post<CreatedApiKey>(`${desk(deskId)}/api-keys`, body),
  revokeApiKey: (deskId: Uuid, keyId: number) => api.post<ApiKey>(`${desk(deskId)}/api-keys/${keyId}/revoke`),
  deleteApiKey: (deskId: Uuid, keyId: number) => api.delete(`${desk(deskId)}/api-keys/${keyId}`),

  grants: (deskId: Uuid) => api.get<Grant[]>(`${desk(deskId)}/permissions`),
  grant: (deskId: Uuid, body: { subject_type: 'user' | 'role'; subject_id: string; permission: string }) =>
    api.post<Grant>(`${desk(deskId)}/permissions`, body),
  revokeGrant: (deskId: Uuid, grantId: number) => api.delete(`${desk(deskId)}/permissions/${grantId}`),
};
