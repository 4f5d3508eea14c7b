import { useEffect } from 'react';
import { useResource, type Resource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useChat, useHubEvent } from './ChatContext.ts';
import type { Channel, Community, Group, Uuid } from './types.ts';

export interface CommunityTree {
  community: Community;
  groups: { group: Group; channels: Channel[] }[];
}

/** A community with its groups and their channels; loads again when the structure changes (here or live). */
export function useCommunityTree(communityId: Uuid | undefined): Resource<CommunityTree | null> {
  const { hub, structureVersion, structureChanged } = useChat();
  const tree = useResource(async () => {
    if (!communityId) return null;
    const [community, groups] = await Promise.all([chatApi.community(communityId), chatApi.groups(communityId)]);
    const channels = await Promise.all(groups.map((g) => chatApi.channels(g.id)));
    return { community, groups: groups.map((group, i) => ({ group, channels: channels[i] ?? [] })) };
  }, [communityId, structureVersion]);

  useEffect(() => {
    if (communityId) void hub.subscribeCommunity(communityId).catch(() => undefined);
  }, [hub, communityId]);
  useHubEvent<{ channel_id: Uuid }>('channel.removed', () => structureChanged(), [structureChanged]);
  // The server added us to a (private) channel: list it now.
  useHubEvent<{ channel_id: Uuid }>('channel.added', () => structureChanged(), [structureChanged]);
  return tree;
}

export function findChannel(tree: CommunityTree | null | undefined, channelId: Uuid | undefined): Channel | undefined {
  return tree?.groups.flatMap((g) => g.channels).find((c) => c.id === channelId);
}

export const canModerateIn = (community: Community | undefined) =>
  community?.my_role === 'owner' || community?.my_role === 'admin' || community?.my_role === 'moderator';
