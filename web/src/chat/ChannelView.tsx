import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { chatApi } from './chatApi.ts';
import { useChat, useHubEvent } from './ChatContext.ts';
import { Composer } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { MessageList } from './MessageList.tsx';
import { ModerationPanel } from './ModerationPanel.tsx';
import { PinsPanel } from './PinsPanel.tsx';
import { PollsPanel } from './PollsPanel.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';
import { useMessages } from './useMessages.ts';
import type { Channel, ChannelMember, Message, Uuid } from './types.ts';

type Panel = { kind: 'thread'; root: Message } | { kind: 'pins' } | { kind: 'polls' } | { kind: 'moderation' } | null;

/**
 * An open channel or DM: header with the panels, the live history, who is typing, the composer.
 * A community member who has not joined the channel is offered to join it first.
 */
export function ChannelView({ channelId, channel, title, topic, canModerate, isDm, onLeft }: {
  channelId: Uuid;
  channel?: Channel;
  title: string;
  topic?: string | null;
  canModerate: boolean;
  isDm: boolean;
  onLeft?: () => void;
}) {
  const { user } = useAuth();
  const { users } = useChat();
  const me = String(user?.id ?? '');
  const model = useMessages(channelId);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [members, setMembers] = useState<ChannelMember[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPanel(null);
    setReplyTo(null);
  }, [channelId]);

  useEffect(() => {
    if (model.state !== 'ready') return;
    chatApi.channelMembers(channelId).then(setMembers, () => setMembers([]));
  }, [channelId, model.state]);
  useHubEvent<{ channel_id: Uuid; member: ChannelMember }>(
    'channel.member_updated',
    (e) => e.channel_id === channelId && setMembers((list) => list.map((m) => (m.user_id === e.member.user_id ? e.member : m))),
    [channelId],
  );
  useHubEvent<{ channel_id: Uuid; member: ChannelMember }>(
    'channel.member_joined',
    (e) => e.channel_id === channelId && setMembers((list) => [...list.filter((m) => m.user_id !== e.member.user_id), e.member]),
    [channelId],
  );

  // The channel's owner and admins post in read-only channels, as community moderators do.
  const myRole = members.find((m) => m.user_id === me)?.role;
  const isChannelStaff = myRole === 'owner' || myRole === 'admin';

  // Tell the server what has been read: the newest message in view once it loads or arrives.
  const newest = model.messages[model.messages.length - 1]?.id;
  useEffect(() => {
    if (newest) void chatApi.markRead(channelId, newest).catch(() => undefined);
  }, [channelId, newest]);

  const byId = useMemo(() => new Map(model.messages.map((m) => [m.id, m])), [model.messages]);
  const mentionNames = members.map((m) => users.username(m.user_id) ?? '').filter((n) => n !== '' && n !== user?.username);
  const actions = {
    onReply: setReplyTo,
    onOpenThread: (root: Message) => setPanel({ kind: 'thread', root }),
    onChanged: model.upsert,
    onRefresh: model.refresh,
  };

  const join = () =>
    chatApi.joinChannel(channelId).then(
      () => model.reload(),
      (e: unknown) => setError(describeError(e)),
    );
  const leave = () =>
    chatApi.leaveChannel(channelId).then(
      () => onLeft?.(),
      (e: unknown) => setError(describeError(e)),
    );

  return (
    <section className="chat-channel" data-testid="channel-view" data-channel-id={channelId}>
      <div className="chat-main">
        <header className="chat-channel-head">
          <div>
            <h1 data-testid="channel-title">{title}</h1>
            {topic && <p className="muted">{topic}</p>}
          </div>
          <div className="chat-channel-tools">
            <button type="button" className="button-ghost" onClick={() => setPanel({ kind: 'pins' })}>
              Pins
            </button>
            <button type="button" className="button-ghost" onClick={() => setPanel({ kind: 'polls' })}>
              Polls
            </button>
            {canModerate && (
              <button type="button" className="button-ghost" onClick={() => setPanel({ kind: 'moderation' })}>
                Moderate
              </button>
            )}
            {!isDm && model.state === 'ready' && (
              <button type="button" className="button-ghost" onClick={() => void leave()}>
                Leave channel
              </button>
            )}
          </div>
        </header>
        {error && <p className="notice notice-error" role="alert">{error}</p>}
        {model.state === 'loading' && <p className="muted">Loading messages…</p>}
        {model.state === 'error' && <p className="notice notice-error" role="alert">{model.error}</p>}
        {model.state === 'must_join' && !channel?.is_private && (
          <div className="empty-state" data-testid="join-channel">
            <p>You have not joined {title} yet.</p>
            <button type="button" onClick={() => void join()}>
              Join channel
            </button>
          </div>
        )}
        {model.state === 'ready' && (
          <>
            <MessageList
              model={model}
              renderMessage={(m) => (
                <MessageItem
                  key={m.id}
                  message={m}
                  replyTo={m.reply_to_id ? byId.get(m.reply_to_id) : undefined}
                  me={me}
                  myUsername={user?.username}
                  canModerate={canModerate}
                  actions={actions}
                />
              )}
            />
            <TypingIndicator channelId={channelId} me={me} />
            <Composer
              channelId={channelId}
              replyTo={replyTo}
              onCancelReply={() => setReplyTo(null)}
              onSent={model.upsert}
              mentionNames={mentionNames}
              label={`Message ${title}`}
              disabled={
                channel?.archived
                  ? 'This channel is archived.'
                  : channel?.read_only && !canModerate && !isChannelStaff
                    ? 'This channel is read-only: only its staff post here.'
                    : null
              }
            />
          </>
        )}
      </div>
      {panel?.kind === 'thread' && (
        <ThreadPanel key={panel.root.id} root={panel.root} mentionNames={mentionNames} canModerate={canModerate} onClose={() => setPanel(null)} />
      )}
      {panel?.kind === 'pins' && <PinsPanel channelId={channelId} onClose={() => setPanel(null)} />}
      {panel?.kind === 'polls' && <PollsPanel channelId={channelId} onClose={() => setPanel(null)} />}
      {panel?.kind === 'moderation' && <ModerationPanel channelId={channelId} channel={channel} me={me} onClose={() => setPanel(null)} />}
    </section>
  );
}
