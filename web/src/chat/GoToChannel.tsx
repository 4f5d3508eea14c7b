import { useEffect, useState } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { chatApi } from './chatApi.ts';

/**
 * /chat/go/:channelId: opens a channel known only by id (a mention, a bookmark), finding
 * whether it is a DM or which community it belongs to.
 */
export function GoToChannel() {
  const { channelId = '' } = useParams();
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    (async () => {
      const dm = (await chatApi.dms()).find((d) => d.channel_id === channelId);
      if (dm) return `/chat/dms/${channelId}?with=${dm.user_id}`;
      for (const community of await chatApi.communities()) {
        for (const group of await chatApi.groups(community.id)) {
          if ((await chatApi.channels(group.id)).some((c) => c.id === channelId)) {
            return `/chat/communities/${community.id}/channels/${channelId}`;
          }
        }
      }
      throw new Error('That conversation is not among yours any more.');
    })().then(
      (path) => current && setTarget(path),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [channelId]);

  if (target) return <Navigate to={target} replace />;
  return error ? <p className="notice notice-error" role="alert">{error}</p> : <p className="muted">Opening…</p>;
}
