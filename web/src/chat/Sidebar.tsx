import { NavLink, useMatch, useNavigate } from 'react-router-dom';
import { useResource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useChat, useHubEvent, useHubStatus } from './ChatContext.ts';
import { InlineCreate } from './InlineCreate.tsx';
import { PresenceDot } from './PresenceDot.tsx';
import { StatusPicker } from './StatusPicker.tsx';
import { canModerateIn, useCommunityTree } from './useCommunityTree.ts';
import { useUnread } from './useUnread.ts';
import { MentionList } from './MentionList.tsx';
import { BotBadge } from './BotBadge.tsx';

const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'chat-link active' : 'chat-link');

/** Communities, the open community's groups and channels, and DMs; with the forms that create them. */
export function Sidebar() {
  const { users, structureVersion, structureChanged } = useChat();
  const navigate = useNavigate();
  const status = useHubStatus();
  const communityId = useMatch('/chat/communities/:communityId/*')?.params.communityId;
  const communities = useResource(() => chatApi.communities(), [structureVersion]);
  const dms = useResource(() => chatApi.dms(), [structureVersion]);
  const tree = useCommunityTree(communityId);
  const manage = canModerateIn(tree.data?.community);
  const unread = useUnread();
  // Someone wrote to us for the first time (or we opened a DM in another tab): list it now.
  useHubEvent('dm.opened', () => structureChanged(), [structureChanged]);

  return (
    <nav className="chat-sidebar" aria-label="Chat" data-testid="chat-sidebar">
      <p className={`chat-connection chat-connection-${status}`} data-testid="hub-status">
        {status === 'connected' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : status === 'connecting' ? 'Connecting…' : 'Offline'}
      </p>
      <MentionList />
      <h2>Communities</h2>
      {communities.error && <p className="notice notice-error">{communities.error}</p>}
      <ul data-testid="community-list">
        {communities.data?.map((c) => (
          <li key={c.id}>
            <NavLink to={`/chat/communities/${c.id}`} className={linkClass} data-testid="community-link" data-name={c.name}>
              {c.name}
            </NavLink>
          </li>
        ))}
      </ul>
      <InlineCreate
        label="New community name"
        button="Create"
        testId="create-community-form"
        onCreate={async (name) => {
          const created = await chatApi.createCommunity(name);
          structureChanged();
          navigate(`/chat/communities/${created.id}`);
        }}
      />

      {communityId && tree.data && (
        <section className="chat-tree" data-testid="community-tree" aria-label={tree.data.community.name}>
          <h2>
            {tree.data.community.name}{' '}
            <NavLink to={`/chat/communities/${communityId}/settings`} className="link-button" data-testid="community-settings-link">
              Settings
            </NavLink>
          </h2>
          {tree.data.groups.map(({ group, channels }) => (
            <div key={group.id} className="chat-group" data-testid="group" data-name={group.name}>
              <h3>{group.name}</h3>
              <ul>
                {channels.map((ch) => (
                  <li key={ch.id}>
                    <NavLink to={`/chat/communities/${communityId}/channels/${ch.id}`} className={linkClass} data-testid="channel-link" data-name={ch.name}>
                      {ch.is_private ? (
                        <span className="channel-lock" data-testid="private-channel" role="img" aria-label="Private channel" title="Private: only its members see it">
                          🔒
                        </span>
                      ) : (
                        '#'
                      )}{' '}
                      {ch.name} <UnreadBadge count={unread.get(ch.id)?.unread_count} mentions={unread.get(ch.id)?.mention_count} />
                    </NavLink>
                  </li>
                ))}
              </ul>
              {manage && (
                <InlineCreate
                  label={`New channel in ${group.name}`}
                  button="Add"
                  testId="create-channel-form"
                  onCreate={async (name) => {
                    const created = await chatApi.createChannel(group.id, name);
                    structureChanged();
                    navigate(`/chat/communities/${communityId}/channels/${created.id}`);
                  }}
                />
              )}
            </div>
          ))}
          {manage && (
            <InlineCreate
              label="New group name"
              button="Add group"
              testId="create-group-form"
              onCreate={async (name) => {
                await chatApi.createGroup(communityId, name);
                structureChanged();
              }}
            />
          )}
        </section>
      )}
      {tree.error && <p className="notice notice-error">{tree.error}</p>}

      <h2>Direct messages</h2>
      <ul data-testid="dm-list">
        {dms.data?.map((dm) => (
          <li key={dm.channel_id}>
            <NavLink to={`/chat/dms/${dm.channel_id}?with=${dm.user_id}`} className={linkClass} data-testid="dm-link" data-user={users.username(dm.user_id) ?? ''}>
              <PresenceDot userId={dm.user_id} /> {users.name(dm.user_id)} <BotBadge userId={dm.user_id} /> <UnreadBadge count={unread.get(dm.channel_id)?.unread_count} />
            </NavLink>
          </li>
        ))}
      </ul>
      <InlineCreate
        label="Username to message"
        button="Message"
        testId="open-dm-form"
        onCreate={async (username) => {
          const found = (await chatApi.userByName(username))[0];
          if (!found) throw new Error(`No user named ${username}.`);
          users.remember(found);
          // An existing DM opens as it is; a new one is made by the first message, not by looking someone up.
          const dm = (dms.data ?? (await chatApi.dms())).find((d) => d.user_id === found.id);
          navigate(dm ? `/chat/dms/${dm.channel_id}?with=${dm.user_id}` : `/chat/dms/new/${found.id}`);
        }}
      />
      <NavLink to="/chat/bookmarks" className={linkClass} data-testid="bookmarks-link">
        Bookmarks
      </NavLink>
      <StatusPicker />
    </nav>
  );
}

function UnreadBadge({ count, mentions }: { count: number | undefined; mentions?: number }) {
  if (!count) return null;
  return (
    <span className={mentions ? 'unread unread-mention' : 'unread'} data-testid="unread" aria-label={`${count} unread`}>
      {mentions ? `@${mentions}` : count}
    </span>
  );
}
