// The Chat HTTP API, one function per call, so components never build paths themselves.
import { api } from '../api/browserClient.ts';
import type {
  Bookmark, Channel, ChannelMember, Community, CommunityMember, Dm, FileView, Group, Invite, Message, MessagePage, Pin, Poll,
  Presence, UserCard, Uuid,
} from './types.ts';
import type { UnreadCount } from './useUnread.ts';

const enc = encodeURIComponent;

export const chatApi = {
  communities: () => api.get<Community[]>('/api/chat/communities'),
  community: (id: Uuid) => api.get<Community>(`/api/chat/communities/${id}`),
  createCommunity: (name: string, description?: string) => api.post<Community>('/api/chat/communities', { name, description }),
  updateCommunity: (id: Uuid, changes: { name?: string; description?: string | null; welcome_message?: string | null }) =>
    api.patch<Community>(`/api/chat/communities/${id}`, changes),
  leaveCommunity: (id: Uuid) => api.post(`/api/chat/communities/${id}/leave`),
  members: (communityId: Uuid) => api.get<CommunityMember[]>(`/api/chat/communities/${communityId}/members`),
  setRole: (communityId: Uuid, userId: Uuid, role: string) =>
    api.put<CommunityMember>(`/api/chat/communities/${communityId}/members/${userId}/role`, { role }),
  kick: (communityId: Uuid, userId: Uuid) => api.delete(`/api/chat/communities/${communityId}/members/${userId}`),
  ban: (communityId: Uuid, userId: Uuid, reason: string) => api.post(`/api/chat/communities/${communityId}/bans`, { user_id: userId, reason }),
  createInvite: (communityId: Uuid) => api.post<Invite>(`/api/chat/communities/${communityId}/invites`, {}),
  joinByInvite: (code: string) => api.post<Community>(`/api/chat/invites/${enc(code)}/join`),

  groups: (communityId: Uuid) => api.get<Group[]>(`/api/chat/communities/${communityId}/groups`),
  createGroup: (communityId: Uuid, name: string) => api.post<Group>(`/api/chat/communities/${communityId}/groups`, { name }),
  channels: (groupId: Uuid) => api.get<Channel[]>(`/api/chat/groups/${groupId}/channels`),
  createChannel: (groupId: Uuid, name: string) => api.post<Channel>(`/api/chat/groups/${groupId}/channels`, { name }),
  updateChannel: (channelId: Uuid, changes: Partial<Pick<Channel, 'name' | 'topic' | 'read_only' | 'slow_mode_seconds'>>) =>
    api.patch<Channel>(`/api/chat/channels/${channelId}`, changes),
  joinChannel: (channelId: Uuid) => api.post<ChannelMember>(`/api/chat/channels/${channelId}/join`),
  leaveChannel: (channelId: Uuid) => api.post(`/api/chat/channels/${channelId}/leave`),
  channelMembers: (channelId: Uuid) => api.get<ChannelMember[]>(`/api/chat/channels/${channelId}/members`),
  setChannelRole: (channelId: Uuid, userId: Uuid, role: 'admin' | 'member') =>
    api.put<ChannelMember>(`/api/chat/channels/${channelId}/members/${userId}/role`, { role }),

  dms: () => api.get<Dm[]>('/api/chat/dms'),

  users: (ids: Uuid[]) => api.get<UserCard[]>(`/api/chat/users?ids=${ids.map(enc).join(',')}`),
  userByName: (username: string) => api.get<UserCard[]>(`/api/chat/users?username=${enc(username)}`),

  history: (channelId: Uuid, cursor: { before?: Uuid; after?: Uuid; threadId?: Uuid; limit?: number } = {}) => {
    const query = new URLSearchParams();
    if (cursor.before) query.set('before', cursor.before);
    if (cursor.after) query.set('after', cursor.after);
    if (cursor.threadId) query.set('thread_id', cursor.threadId);
    query.set('limit', String(cursor.limit ?? 50));
    return api.get<MessagePage>(`/api/chat/channels/${channelId}/messages?${query}`);
  },
  send: (channelId: Uuid, body: OutgoingMessage) => api.post<Message>(`/api/chat/channels/${channelId}/messages`, body),
  /** The first message to a user opens the DM; the answer's channel_id is it. */
  sendDm: (userId: Uuid, body: OutgoingMessage) => api.post<Message>(`/api/chat/dms/${userId}/messages`, body),
  message: (id: Uuid) => api.get<Message>(`/api/chat/messages/${id}`),
  edit: (id: Uuid, plaintext: string) => api.patch<Message>(`/api/chat/messages/${id}`, { plaintext }),
  remove: (id: Uuid) => api.delete(`/api/chat/messages/${id}`),

  react: (id: Uuid, emoji: string) => api.put(`/api/chat/messages/${id}/reactions/${enc(emoji)}`, {}),
  unreact: (id: Uuid, emoji: string) => api.delete(`/api/chat/messages/${id}/reactions/${enc(emoji)}`),
  pin: (id: Uuid) => api.put(`/api/chat/messages/${id}/pin`, {}),
  unpin: (id: Uuid) => api.delete(`/api/chat/messages/${id}/pin`),
  pins: (channelId: Uuid) => api.get<Pin[]>(`/api/chat/channels/${channelId}/pins`),
  markRead: (channelId: Uuid, messageId: Uuid) => api.put(`/api/chat/channels/${channelId}/read`, { message_id: messageId }),
  unread: () => api.get<UnreadCount[]>('/api/chat/unread'),
  presence: (ids: Uuid[]) => api.get<Presence[]>(`/api/chat/presence?user_ids=${ids.map(enc).join(',')}`),

  upload: (channelId: Uuid, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<FileView>(`/api/chat/channels/${channelId}/files`, form);
  },
  fileUrl: (id: Uuid) => `/api/chat/files/${id}/content`,

  timeout: (channelId: Uuid, userId: Uuid, durationSeconds: number, reason: string) =>
    api.post(`/api/chat/channels/${channelId}/timeouts`, { user_id: userId, duration_seconds: durationSeconds, reason }),
  warn: (channelId: Uuid, userId: Uuid, reason: string) => api.post(`/api/chat/channels/${channelId}/warnings`, { user_id: userId, reason }),
  channelBan: (channelId: Uuid, userId: Uuid, reason: string) => api.post(`/api/chat/channels/${channelId}/bans`, { user_id: userId, reason }),
  purge: (channelId: Uuid, count: number) => api.post<{ deleted: number }>(`/api/chat/channels/${channelId}/purge`, { count }),
  report: (targetId: Uuid, reason: string) => api.post('/api/chat/reports', { report_type: 'message', target_id: targetId, reason }),

  polls: (channelId: Uuid) => api.get<Poll[]>(`/api/chat/channels/${channelId}/polls`),
  createPoll: (channelId: Uuid, question: string, options: string[], multiSelect: boolean) =>
    api.post<Poll>(`/api/chat/channels/${channelId}/polls`, { question, options, multi_select: multiSelect, anonymous: false }),
  vote: (pollId: Uuid, optionIndexes: number[]) => api.put<Poll>(`/api/chat/polls/${pollId}/vote`, { option_indexes: optionIndexes }),
  closePoll: (pollId: Uuid) => api.post<Poll>(`/api/chat/polls/${pollId}/close`),

  bookmarks: () => api.get<Bookmark[]>('/api/chat/bookmarks'),
  bookmark: (messageId: Uuid, note: string | null) => api.post<Bookmark>('/api/chat/bookmarks', { message_id: messageId, note }),
  removeBookmark: (id: Uuid) => api.delete(`/api/chat/bookmarks/${id}`),
};

export interface OutgoingMessage {
  plaintext: string;
  reply_to_id?: Uuid;
  thread_id?: Uuid;
  file_id?: Uuid;
  idempotency_key: string;
}
