import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { useResource } from '../useResource.ts';
import { BotBadge } from './BotBadge.tsx';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';
import { canModerateIn, useCommunityTree } from './useCommunityTree.ts';
import type { Invite } from './types.ts';

const roles = ['member', 'moderator', 'admin'];

/** A community's settings: name and description, invite links, members (role, kick, ban), leaving. */
export function CommunitySettings() {
  const { communityId = '' } = useParams();
  const { user } = useAuth();
  const { users, structureChanged } = useChat();
  const navigate = useNavigate();
  const tree = useCommunityTree(communityId);
  const members = useResource(() => chatApi.members(communityId), [communityId]);
  const community = tree.data?.community;
  const manage = canModerateIn(community);
  const isAdmin = community?.my_role === 'owner' || community?.my_role === 'admin';
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    setName(community?.name ?? '');
    setDescription(community?.description ?? '');
  }, [community?.name, community?.description]);

  const act = (work: () => Promise<unknown>, done: string) =>
    work().then(
      () => {
        setOutcome({ ok: true, text: done });
        members.reload();
      },
      (e: unknown) => setOutcome({ ok: false, text: describeError(e) }),
    );

  const inviteLink = invite ? `${window.location.origin}/chat/invite/${encodeURIComponent(invite.code)}` : '';
  const me = String(user?.id ?? '');

  return (
    <section className="page chat-settings" data-testid="community-settings">
      <h1>{community?.name ?? '…'}: settings</h1>
      {tree.error && <p className="notice notice-error">{tree.error}</p>}
      {outcome && (
        <p className={outcome.ok ? 'notice notice-success' : 'notice notice-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}

      {isAdmin && (
        <form
          className="card stack"
          data-testid="community-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(async () => {
              await chatApi.updateCommunity(communityId, { name, description });
              structureChanged();
            }, 'Saved.');
          }}
        >
          <h2>About</h2>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Description
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </label>
          <button type="submit">Save</button>
        </form>
      )}

      <div className="card stack">
        <h2>Invite people</h2>
        <button type="button" data-testid="create-invite" onClick={() => chatApi.createInvite(communityId).then(setInvite, (e: unknown) => setOutcome({ ok: false, text: describeError(e) }))}>
          Create invite link
        </button>
        {invite && (
          <p>
            <code data-testid="invite-link">{inviteLink}</code> <CopyButton text={inviteLink} />
          </p>
        )}
      </div>

      <div className="card">
        <h2>Members</h2>
        {members.error && <p className="notice notice-error">{members.error}</p>}
        <table className="table" data-testid="members-table">
          <tbody>
            {members.data?.map((m) => (
              <tr key={m.user_id} data-testid="member-row" data-username={users.username(m.user_id) ?? ''}>
                <td>
                  {users.name(m.user_id)} <BotBadge userId={m.user_id} bot={m.is_bot} /> {m.nickname && <span className="muted">({m.nickname})</span>}
                </td>
                <td>
                  {isAdmin && m.role !== 'owner' && m.user_id !== me ? (
                    <select aria-label={`Role of ${users.name(m.user_id)}`} value={m.role} onChange={(e) => void act(() => chatApi.setRole(communityId, m.user_id, e.target.value), 'Role changed.')}>
                      {roles.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                <td>
                  {manage && m.role !== 'owner' && m.user_id !== me && (
                    <>
                      <button type="button" className="link-button" onClick={() => void act(() => chatApi.kick(communityId, m.user_id), 'Removed from the community.')}>
                        Kick
                      </button>
                      <button type="button" className="link-button danger" onClick={() => void act(() => chatApi.ban(communityId, m.user_id, 'Banned from the web app'), 'Banned.')}>
                        Ban
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {community?.my_role !== 'owner' && (
        <button
          type="button"
          className="button-danger"
          onClick={() =>
            void act(async () => {
              await chatApi.leaveCommunity(communityId);
              structureChanged();
              navigate('/chat');
            }, 'You left the community.')
          }
        >
          Leave community
        </button>
      )}
    </section>
  );
}
