import { useAuth } from '../auth/AuthContext.ts';
import { Composer } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { MessageList } from './MessageList.tsx';
import { useMessages } from './useMessages.ts';
import type { Message } from './types.ts';

/** A thread beside the channel: its root, its replies (live), and a composer that replies into it. */
export function ThreadPanel({ root, mentionNames, canModerate, onClose }: {
  root: Message;
  mentionNames: string[];
  canModerate: boolean;
  onClose: () => void;
}) {
  const { user } = useAuth();
  const model = useMessages(root.channel_id, root.id);
  const me = String(user?.id ?? '');
  const actions = { onChanged: model.upsert, onRefresh: model.refresh };
  return (
    <aside className="chat-panel" data-testid="thread-panel" aria-label="Thread">
      <header className="chat-panel-head">
        <h2>Thread</h2>
        <button type="button" className="button-ghost" onClick={onClose}>
          Close
        </button>
      </header>
      <MessageItem message={root} replyTo={undefined} me={me} myUsername={user?.username} canModerate={canModerate} actions={actions} />
      {model.state === 'error' && <p className="notice notice-error">{model.error}</p>}
      <MessageList
        model={model}
        testId="thread-messages"
        renderMessage={(m) => (
          <MessageItem key={m.id} message={m} replyTo={undefined} me={me} myUsername={user?.username} canModerate={canModerate} actions={actions} />
        )}
      />
      <Composer channelId={root.channel_id} threadId={root.id} onSent={model.upsert} mentionNames={mentionNames} label="Reply in thread" />
    </aside>
  );
}
