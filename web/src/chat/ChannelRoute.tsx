import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useChat } from './ChatContext.ts';
import { ChannelView } from './ChannelView.tsx';
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
      title={channel ? `# ${channel.name}` : '#'}
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
