import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { useResource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useChat, useHubEvent } from './ChatContext.ts';
import { PanelFrame, Unavailable } from './PanelFrame.tsx';
import { ChannelSettingsForm } from './ChannelSettingsForm.tsx';
import type { Channel, ChannelMember, Uuid } from './types.ts';

/**
 * Channel moderation for staff: settings, channel roles (admin or member; the server lets the channel's
 * owner and admins or a community admin change them and says so to anyone else), time out, warn or
 * ban a member, purge recent messages.
 */
export function ModerationPanel({ channelId, channel, me, onClose }: { channelId: Uuid; channel: Channel | undefined; me: Uuid; onClose: () => void }) {
  const { users } = useChat();
  const members = useResource(() => chatApi.channelMembers(channelId), [channelId]);
  const [reason, setReason] = useState('');
  const [purgeCount, setPurgeCount] = useState(10);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  // Roles changed here or by someone else elsewhere show at once.
  useHubEvent<{ channel_id: Uuid; member: ChannelMember }>('channel.member_updated', (e) => e.channel_id === channelId && members.reload(), [channelId]);

  const act = (work: () => Promise<unknown>, done?: string) =>
    work().then(
      () => done && setOutcome({ ok: true, text: done }),
      (e: unknown) => setOutcome({ ok: false, text: describeError(e) }),
    );

  return (
    <PanelFrame title="Moderation" testId="moderation-panel" onClose={onClose}>
      {channel && <ChannelSettingsForm key={channel.id} channel={channel} />}
      <h3>Members</h3>
      {members.error && <Unavailable error={members.error} />}
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ul className="chat-panel-list">
        {members.data
          ?.filter((m) => m.user_id !== me)
          .map((m) => {
            const name = users.name(m.user_id);
            return (
              <li key={m.user_id} data-testid="moderation-member" data-user={users.username(m.user_id) ?? ''}>
                {name} <span className="muted" data-testid="member-role">{m.role}</span>
                <div>
                  {m.role !== 'owner' && (
                    <button
                      type="button"
                      className="link-button"
                      data-testid="toggle-channel-admin"
                      onClick={() =>
                        act(async () => {
                          const next = m.role === 'admin' ? 'member' : 'admin';
                          await chatApi.setChannelRole(channelId, m.user_id, next);
                          members.reload();
                          setOutcome({ ok: true, text: next === 'admin' ? `${name} is now a channel admin.` : `${name} is no longer a channel admin.` });
                        })
                      }
                    >
                      {m.role === 'admin' ? 'Remove channel admin' : 'Make channel admin'}
                    </button>
                  )}
                  <button type="button" className="link-button" onClick={() => act(() => chatApi.timeout(channelId, m.user_id, 600, reason), `${name} is timed out for 10 minutes.`)}>
                    Time out 10 min
                  </button>
                  <button type="button" className="link-button" onClick={() => act(() => chatApi.warn(channelId, m.user_id, reason), `${name} was warned.`)}>
                    Warn
                  </button>
                  <button type="button" className="link-button danger" onClick={() => act(() => chatApi.channelBan(channelId, m.user_id, reason), `${name} is banned from the channel.`)}>
                    Ban from channel
                  </button>
                </div>
              </li>
            );
          })}
      </ul>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            const result = await chatApi.purge(channelId, purgeCount);
            setOutcome({ ok: true, text: `Deleted ${result.deleted} messages.` });
          });
        }}
      >
        <label>
          Purge last
          <input type="number" min={1} max={500} value={purgeCount} onChange={(e) => setPurgeCount(Number(e.target.value))} />
        </label>
        <button type="submit" className="button-danger">
          Purge
        </button>
      </form>
      {outcome && (
        <p className={outcome.ok ? 'notice notice-success' : 'notice notice-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </PanelFrame>
  );
}
