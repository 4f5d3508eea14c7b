// The Mail HTTP API, one function per call, so components never build paths themselves.
import { api } from '../api/browserClient.ts';
import type {
  CreatedWebhook, Domain, Inbox, Message, MessageSummary, Page, SendAccepted, SendRequest, Suppression, Thread, ThreadFilters, ThreadState,
  ThreadSummary, Uuid, Webhook, WebhookDelivery,
} from './types.ts';

const enc = encodeURIComponent;

/** `?cursor=&limit=` plus any filters, leaving out what is not set. */
function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number;
}

export const mailApi = {
  domains: (page: PageRequest = {}) => api.get<Page<Domain>>(`/api/mail/domains${query({ ...page, limit: page.limit ?? 100 })}`),
  domain: (id: Uuid) => api.get<Domain>(`/api/mail/domains/${enc(id)}`),
  createDomain: (body: { name: string; from_name?: string; reply_to_address?: string; bounce_address?: string }) =>
    api.post<Domain>('/api/mail/domains', body),
  updateDomain: (id: Uuid, changes: { from_name?: string | null; reply_to_address?: string | null; bounce_address?: string | null }) =>
    api.patch<Domain>(`/api/mail/domains/${enc(id)}`, changes),
  /** Checks the domain's DNS records now and answers the domain with its flags updated. */
  verifyDomain: (id: Uuid) => api.post<Domain>(`/api/mail/domains/${enc(id)}/verify`),
  deleteDomain: (id: Uuid) => api.delete(`/api/mail/domains/${enc(id)}`),

  inboxes: (domainId?: Uuid, page: PageRequest = {}) =>
    api.get<Page<Inbox>>(`/api/mail/inboxes${query({ domain_id: domainId, ...page, limit: page.limit ?? 100 })}`),
  inbox: (id: Uuid) => api.get<Inbox>(`/api/mail/inboxes/${enc(id)}`),
  createInbox: (body: { domain_id: Uuid; local_part?: string; name: string; is_catchall?: boolean }) => api.post<Inbox>('/api/mail/inboxes', body),
  updateInbox: (id: Uuid, changes: { name?: string }) => api.patch<Inbox>(`/api/mail/inboxes/${enc(id)}`, changes),
  deleteInbox: (id: Uuid) => api.delete(`/api/mail/inboxes/${enc(id)}`),

  /** Newest activity first; by state, and to threads with a message carrying the label. */
  threads: (inboxId: Uuid, page: PageRequest = {}, filters: Partial<ThreadFilters> = {}) =>
    api.get<Page<ThreadSummary>>(`/api/mail/inboxes/${enc(inboxId)}/threads${query({ ...filters, ...page })}`),
  thread: (id: Uuid) => api.get<Thread>(`/api/mail/threads/${enc(id)}`),
  deleteThread: (id: Uuid) => api.delete(`/api/mail/threads/${enc(id)}`),
  /** Open, archived, spam or trash (idempotent); answers `{id, state, previous_state}`. */
  setThreadState: (id: Uuid, state: ThreadState) =>
    api.put<{ id: Uuid; state: ThreadState; previous_state: ThreadState }>(`/api/mail/threads/${enc(id)}/state`, { state }),
  /** Both idempotent; answer the message's labels. 400 `label_invalid` for an empty or over-long label. */
  addLabel: (messageId: string, label: string) =>
    api.put<{ message_id: string; labels: string[] }>(`/api/mail/messages/${enc(messageId)}/labels/${enc(label)}`, undefined),
  removeLabel: (messageId: string, label: string) =>
    api.delete<{ message_id: string; labels: string[] }>(`/api/mail/messages/${enc(messageId)}/labels/${enc(label)}`),
  message: (messageId: string) => api.get<Message>(`/api/mail/messages/${enc(messageId)}`),
  rawUrl: (messageId: string) => `/api/mail/messages/${enc(messageId)}/raw`,
  attachmentUrl: (id: Uuid) => `/api/mail/attachments/${enc(id)}`,
  /** Full text over subject, addresses and text body, in one inbox. */
  search: (q: string, inboxId?: Uuid, page: PageRequest = {}) =>
    api.get<Page<MessageSummary>>(`/api/mail/search${query({ q, inbox_id: inboxId, ...page })}`),
  /** 202 on the first try; a retried idempotency key answers the first message (200). */
  send: (request: SendRequest) => api.post<SendAccepted>('/api/mail/send', request),

  suppressions: (page: PageRequest = {}) => api.get<Page<Suppression>>(`/api/mail/suppressions${query({ ...page })}`),
  suppress: (address: string) => api.post<Suppression>('/api/mail/suppressions', { address, reason: 'manual' }),
  unsuppress: (address: string) => api.delete(`/api/mail/suppressions/${enc(address)}`),

  webhooks: (page: PageRequest = {}) => api.get<Page<Webhook>>(`/api/mail/webhooks${query({ ...page, limit: page.limit ?? 100 })}`),
  /** Answers only after the endpoint echoed the verification challenge (else 422 webhook_verification_failed). */
  createWebhook: (body: { url: string; events: string[]; inbox_ids?: Uuid[] }) => api.post<CreatedWebhook>('/api/mail/webhooks', body),
  deleteWebhook: (id: Uuid) => api.delete(`/api/mail/webhooks/${enc(id)}`),
  webhookDeliveries: (id: Uuid, page: PageRequest = {}) =>
    api.get<Page<WebhookDelivery>>(`/api/mail/webhooks/${enc(id)}/deliveries${query({ ...page, limit: page.limit ?? 20 })}`),
};
