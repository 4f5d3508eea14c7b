import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useChat, useHubEvent } from './ChatContext.ts';
import type { Message } from './types.ts';

/** Mentions of the viewer that arrived while Chat was open (the hub's `mention` event), newest first. */
export function MentionList() {
  const { users } = useChat();
  const [mentions, setMentions] = useState<Message[]>([]);
  useHubEvent<Message>('mention', (m) => setMentions((list) => [m, ...list.filter((x) => x.id !== m.id)].slice(0, 5)), []);
  if (mentions.length === 0) return null;
  return (
    <section className="chat-mentions" aria-label="Mentions" data-testid="mentions">
      <h2>
        Mentions{' '}
        <button type="button" className="link-button" onClick={() => setMentions([])}>
          Clear
        </button>
      </h2>
      <ul>
        {mentions.map((m) => (
          <li key={m.id}>
            <Link to={`/chat/go/${m.channel_id}`} className="chat-link">
              {users.name(m.sender_id)}: {(m.plaintext ?? '').slice(0, 60)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
