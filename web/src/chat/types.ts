// Shapes of the Chat API (docs: /tmp contract, docs/chat.md). Fields marked optional arrive only
// once the server has the feature (reactions, reply counts, files); the UI copes without them.

export type Uuid = string;

export interface Community {
  id: Uuid;
  name: string;
  description: string | null;
  owner_id: Uuid;
  welcome_message: string | null;
  who_can_create_groups: string;
  who_can_create_invites: string;
  created_at: string;
  my_role: string | null;
}

export interface CommunityMember {
  user_id: Uuid;
  role: string;
  nickname: string | null;
  joined_at: string;
  /** An account the server acts as (a support bot). */
  is_bot?: boolean;
}

export interface Invite {
  id: Uuid;
  community_id: Uuid;
  code: string;
  max_uses: number | null;
  used_count: number;
  expires_at: string | null;
}

export interface Group {
  id: Uuid;
  community_id: Uuid;
  name: string;
  description: string | null;
}

export interface Channel {
  id: Uuid;
  name: string;
  channel_type: string;
  group_id: Uuid | null;
  topic: string | null;
  read_only: boolean;
  slow_mode_seconds: number;
  archived: boolean;
  /** Only its members see it; nobody joins it (the server adds its members). */
  is_private?: boolean;
}

export interface ChannelMember {
  user_id: Uuid;
  role: string;
  joined_at: string;
  is_bot?: boolean;
}

export interface Dm {
  channel_id: Uuid;
  user_id: Uuid;
  created_at: string;
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  me: boolean;
}

export interface FileView {
  id: Uuid;
  name: string;
  size_bytes: number;
  content_type: string;
  channel_id: Uuid;
  created_at: string;
  quarantined: boolean;
}

export interface Message {
  id: Uuid;
  channel_id: Uuid;
  sender_id: Uuid;
  message_type: string;
  plaintext: string | null;
  ciphertext: string | null;
  reply_to_id: Uuid | null;
  thread_id: Uuid | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  quarantined: boolean;
  expires_at: string | null;
  reactions?: ReactionSummary[];
  reply_count?: number;
  file?: FileView | null;
}

export interface MessagePage {
  messages: Message[];
  has_more: boolean;
}

export interface UserCard {
  id: Uuid;
  username: string;
  display_name: string | null;
  is_bot?: boolean;
}

export interface Pin {
  message: Message;
  pinned_by: Uuid;
  pinned_at: string;
}

export interface Poll {
  id: Uuid;
  channel_id: Uuid;
  created_by: Uuid;
  question: string;
  options: string[];
  multi_select: boolean;
  anonymous: boolean;
  closed: boolean;
  expires_at: string | null;
  totals: number[];
  /** Null in `poll.*` events (they go to everyone); the caller's votes in HTTP answers. */
  my_votes?: number[] | null;
  voters?: Uuid[][] | null;
  created_at?: string;
}

export interface Bookmark {
  id: Uuid;
  message: Message;
  note: string | null;
  created_at: string;
}

export interface Timeout {
  user_id: Uuid;
  expires_at?: string;
  reason?: string | null;
}

export interface Presence {
  user_id: Uuid;
  status: string;
  custom_status: string | null;
}

// Hub event payloads.
export interface MessageDeleted {
  id: Uuid;
  channel_id: Uuid;
  deleted_at: string;
}

export interface ReactionEvent {
  message_id: Uuid;
  channel_id: Uuid;
  user_id: Uuid;
  emoji: string;
}

export interface TypingEvent {
  channel_id: Uuid;
  user_id: Uuid;
}

export interface PinEvent {
  message_id: Uuid;
  channel_id: Uuid;
  pinned_by: Uuid;
}
