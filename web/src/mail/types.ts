// Shapes of the Mail API (/work/briefs/api-contract.md; docs/web.md "The Mail area"). JSON is snake_case.

export type Uuid = string;

/** Every list answers one page at a time; `next_cursor` fetches the next, null at the end. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type DnsPurpose = 'mx' | 'spf' | 'dkim' | 'dmarc';

/** A record the domain's owner publishes so Parley may receive and send for it. */
export interface DnsRecord {
  type: 'MX' | 'TXT';
  name: string;
  value: string;
  purpose: DnsPurpose;
  verified: boolean;
}

export interface Domain {
  id: Uuid;
  name: string;
  from_name: string | null;
  reply_to_address: string | null;
  bounce_address: string | null;
  mx_verified: boolean;
  spf_verified: boolean;
  dkim_verified: boolean;
  dmarc_verified: boolean;
  verified_at: string | null;
  dkim_selector: string | null;
  dns_records: DnsRecord[];
  created_at: string;
  updated_at: string;
}

export interface Inbox {
  id: Uuid;
  domain_id: Uuid;
  /** "local@domain"; "*@domain" for a catch-all. */
  address: string;
  local_part: string | null;
  name: string;
  is_catchall: boolean;
  created_at: string;
  updated_at: string;
}

export type Direction = 'inbound' | 'outbound';

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'bounced' | 'complained' | 'failed';

export interface MessageSummary {
  message_id: string;
  thread_id: Uuid;
  inbox_id: Uuid;
  direction: Direction;
  from_address: string;
  from_name: string | null;
  subject: string | null;
  /** The first 200 characters of the text body. */
  snippet: string | null;
  sent_at: string | null;
  has_attachments: boolean;
  /** Outbound: the latest delivery status; inbound: null. */
  delivery_status: DeliveryStatus | string | null;
  /** Parley's labels on the message (docs/mail.md, "Labels and thread states"). */
  labels?: string[] | null;
}

/** Where a thread is filed; every thread starts `open`. None of them hides it: they are states the client filters on. */
export const threadStates = ['open', 'archived', 'spam', 'trash'] as const;
export type ThreadState = (typeof threadStates)[number];

export interface ThreadSummary {
  id: Uuid;
  subject: string | null;
  created_at: string;
  updated_at: string;
  message_count: number;
  participants: string[];
  last_message: MessageSummary | null;
  state: ThreadState;
  /** Every label on any of the thread's messages, sorted, once each. */
  labels: string[];
}

/** The thread list's filters (`GET /api/mail/inboxes/{id}/threads?state=&label=`); empty: not filtered. */
export interface ThreadFilters {
  state: ThreadState | '';
  label: string;
}

export interface Address {
  address: string;
  name: string | null;
}

export interface Attachment {
  id: Uuid;
  filename: string | null;
  content_type: string;
  size_bytes: number;
}

export interface DeliveryEvent {
  status: string;
  /** What the server recorded: recipient, SMTP reply, attempt, next attempt… (a JSON object). */
  details: Record<string, unknown> | string | null;
  created_at: string;
}

export interface Message {
  message_id: string;
  thread_id: Uuid;
  inbox_id: Uuid;
  direction: Direction;
  from_address: string;
  from_name: string | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string | null;
  sent_at: string | null;
  in_reply_to: string | null;
  references: string[];
  body_text: string | null;
  body_html: string | null;
  attachments: Attachment[];
  authentication: { spf: string | null; dkim: string | null; dmarc: string | null } | null;
  delivery: { status: string; events: DeliveryEvent[] } | null;
  created_at: string;
  labels: string[];
}

export interface Thread extends ThreadSummary {
  /** Oldest first. */
  messages: Message[];
}

export interface OutgoingAttachment {
  filename: string;
  content_type: string;
  content_base64: string;
}

export interface SendRequest {
  inbox_id: Uuid;
  to: (string | Address)[];
  cc?: (string | Address)[];
  bcc?: (string | Address)[];
  subject: string;
  text?: string;
  html?: string;
  attachments?: OutgoingAttachment[];
  in_reply_to?: string;
  idempotency_key?: string;
}

export interface SendAccepted {
  message_id: string;
  thread_id: Uuid;
  status: string;
}

export interface Suppression {
  address: string;
  reason: string;
  created_at: string;
  source_message_id: string | null;
}

export const webhookEventTypes = [
  'message.received',
  'message.sent',
  'message.delivered',
  'message.bounced',
  'message.complained',
  'thread.merged',
  'message.labeled',
  'thread.state_changed',
] as const;

export interface Webhook {
  id: Uuid;
  url: string;
  events: string[];
  /** Null: every inbox. */
  inbox_ids: Uuid[] | null;
  status: 'active' | 'warning' | 'disabled' | string;
  failure_count: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  created_at: string;
}

/** The answer to creating a webhook: the only time its signing secret is shown. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

export interface WebhookDelivery {
  id: Uuid;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed' | string;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  last_status_code: number | null;
  last_error: string | null;
}
