import { useParams } from 'react-router-dom';
import { ContactStaffButton } from './ContactStaffButton.tsx';
import { useCommunityTree } from './useCommunityTree.ts';

/** A community with no channel open: its welcome and a hint. */
export function CommunityHome() {
  const { communityId } = useParams();
  const tree = useCommunityTree(communityId);
  if (tree.error) return <p className="notice notice-error" role="alert">{tree.error}</p>;
  const community = tree.data?.community;
  return (
    <section className="page" data-testid="community-home">
      <h1>{community?.name ?? '…'}</h1>
      {community?.description && <p>{community.description}</p>}
      {community?.welcome_message && <p className="muted">{community.welcome_message}</p>}
      {communityId && <ContactStaffButton communityId={communityId} />}
      <p className="muted">
        {tree.data && tree.data.groups.every((g) => g.channels.length === 0) ? 'No channels yet.' : 'Pick a channel on the left.'}
      </p>
    </section>
  );
}
