// Shapes of the Modmail panel API (docs/modmail.md, "Panel and API"). Times are UTC ISO unless a
// field says Unix (seconds).

export type Uuid = string;

export type PanelPermission = 'view_tickets' | 'manage_tickets' | 'view_config' | 'edit_config' | 'manage_api_keys';

export const panelPermissions: PanelPermission[] = ['view_tickets', 'manage_tickets', 'view_config', 'edit_config', 'manage_api_keys'];

export interface Desk {
  id: Uuid;
  community_id: Uuid | null;
  staff_community_id: Uuid;
  mode: 'single' | 'dual' | string;
  enabled: boolean;
  bot_user_id: Uuid;
  tickets_group_id: Uuid | null;
  staff_role: string;
  prefix: string;
  welcome_message: string;
  closing_message: string;
  status_text: string | null;
  anonymous_name: string;
  category_selection: boolean;
  features: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export type DeskPatch = Partial<
  Pick<Desk, 'prefix' | 'welcome_message' | 'closing_message' | 'anonymous_name' | 'staff_role' | 'category_selection' | 'enabled'>
> & { status_text?: string };

/** What a member sees of a community's desk: enough for "Contact staff". */
export interface DeskContact {
  id: Uuid;
  community_id: Uuid | null;
  enabled: boolean;
  bot_user_id: Uuid;
}

export interface Contact {
  channel_id: Uuid;
  bot_user_id: Uuid;
}

export interface MyPanel {
  desk_id: Uuid;
  super_admin: boolean;
  permissions: string[];
}

export type Transport = 'chat' | 'email' | 'discord';

export interface Ticket {
  id: Uuid;
  desk_id: Uuid;
  transport: Transport | string;
  user_id: string;
  user_name: string;
  channel_id: string | null;
  status: 'open' | 'closed';
  user_left: boolean;
  category_id: string | null;
  category_name: string | null;
  assigned_to: string | null;
  awaiting_staff: boolean;
  next_message_number: number;
  created_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export type TicketMessageKind = 'member' | 'staff' | 'note' | 'system';

export interface TicketAttachment {
  blob_key: string;
  file_name: string;
  content_type: string;
  size: number;
}

export interface TicketMessage {
  id: number;
  ticket_id: Uuid;
  kind: TicketMessageKind | string;
  user_id: string;
  user_name: string;
  author_role: string | null;
  is_anonymous: boolean;
  message_number: number | null;
  /** Null once deleted (withdrawn). */
  content: string | null;
  attachments: TicketAttachment[];
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface Transcript {
  ticket: Ticket;
  messages: TicketMessage[];
  truncated: boolean;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface TicketFilters {
  status: 'open' | 'closed' | 'all';
  category_id: string;
  assignee: '' | 'me' | 'none';
  transport: '' | Transport;
  awaiting_staff: '' | 'true' | 'false';
  q: string;
}

export interface Statistics {
  open_tickets: number;
  closed_today: number;
  closed_this_week: number;
  closed_total: number;
  average_first_response_seconds: number | null;
  average_resolution_seconds: number | null;
  daily: { date: string; created: number; closed: number }[];
  by_category: { category_id: string | null; category_name: string | null; tickets: number }[];
  leaderboard: { user_id: string; username: string | null; replies: number; closes: number }[];
}

export interface Category {
  id: Uuid;
  desk_id: Uuid;
  name: string;
  description: string | null;
  emoji: string | null;
  required_permissions: string[];
  position: number;
  enabled: boolean;
  created_at: string;
}

export interface Snippet {
  id: number;
  key: string;
  content: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface Block {
  user_id: string;
  user_name: string;
  blocked_by: string;
  blocked_at: string;
  expires_at: string | null;
}

export interface ApiKey {
  id: number;
  desk_id: Uuid | null;
  name: string;
  permissions: string[];
  /** Unix seconds. */
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  is_active: boolean;
}

export interface CreatedApiKey {
  id: number;
  desk_id: Uuid | null;
  name: string;
  permissions: string[];
  created_at: number;
  expires_at: number | null;
  /** Shown once: only this answer holds it. */
  key: string;
}

export interface Grant {
  id: number;
  subject_type: 'user' | 'role';
  subject_id: string;
  permission: string;
  granted_by: string;
  /** Unix seconds. */
  granted_at: number;
}

export interface ScheduledClose {
  id: number;
  ticket_id: Uuid;
  ticket_user_name: string;
  /** Unix seconds. */
  scheduled_time: number;
  silent: boolean;
  created_by: string;
}
