import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useChat } from './ChatContext.ts';
import { ChannelView } from './ChannelView.tsx';
import { Composer } from './Composer.tsx';
import { chatApi } from './chatApi.ts';
import { canModerateIn, findChannel, useCommunityTree } from './useCommunityTree.ts';

/** /chat/communities/:communityId/channels/:channelId */
export function CommunityChannelRoute() {
  const { communityId, channelId = '' } = useParams();
  const navigate = useNavigate();
  const { structureChanged } = useChat();
  const tree = useCommunityTree(communityId);
  const channel = findChannel(tree.data, channelId);
  return (
    <ChannelView
      key={channelId}
      channelId={channelId}
      channel={channel}
      title={channel ? `${channel.is_private ? '🔒' : '#'} ${channel.name}` : '#'}
      topic={channel?.topic}
      canModerate={canModerateIn(tree.data?.community)}
      isDm={false}
      onLeft={() => {
        structureChanged();
        navigate(`/chat/communities/${communityId}`);
      }}
    />
  );
}

/** /chat/dms/:channelId?with=userId */
export function DmRoute() {
  const { channelId = '' } = useParams();
  const [search] = useSearchParams();
  const { users } = useChat();
  const other = search.get('with');
  return <ChannelView key={channelId} channelId={channelId} title={other ? users.name(other) : 'Direct message'} canModerate={false} isDm />;
}

/**
 * /chat/dms/new/:userId — writing to someone for the first time. No channel exists yet: the first
 * message opens the DM (POST /api/chat/dms/{userId}/messages), then this turns into its route.
 */
export function NewDmRoute() {
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const { users, structureChanged } = useChat();
  const name = users.name(userId);
  return (
    <section className="chat-channel" data-testid="new-dm-view">
      <div className="chat-main">
        <header className="chat-channel-head">
          <div>
            <h1 data-testid="channel-title">{name}</h1>
          </div>
        </header>
        <div className="empty-state" data-testid="new-dm">
          <p>This is the start of your conversation with {name}. Your first message opens it.</p>
        </div>
        <Composer
          channelId={null}
          sendTo={(message) => chatApi.sendDm(userId, message)}
          onSent={(message) => {
            structureChanged();
            navigate(`/chat/dms/${message.channel_id}?with=${userId}`, { replace: true });
          }}
          mentionNames={[]}
          label={`Message ${name}`}
        />
      </div>
    </section>
  );
}
