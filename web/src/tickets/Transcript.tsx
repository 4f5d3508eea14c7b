import { formatDateTime } from '../format.ts';
import type { TicketMessage } from './types.ts';

/**
 * A ticket's messages, oldest first: the member's, staff replies numbered and signed (or sent
 * anonymously), staff notes (never relayed) and system notices. A deleted message keeps its place,
 * shown as withdrawn.
 */
export function Transcript({ messages, truncated }: { messages: TicketMessage[]; truncated: boolean }) {
  return (
    <div className="stack">
      {truncated && <p className="notice small">Only the latest messages are shown; export the transcript for all of them.</p>}
      {messages.length === 0 && <p className="muted">No messages yet.</p>}
      <ol className="tickets-transcript" data-testid="ticket-transcript">
        {messages.map((m) => (
          <TranscriptItem key={m.id} message={m} />
        ))}
      </ol>
    </div>
  );
}

function TranscriptItem({ message: m }: { message: TicketMessage }) {
  const withdrawn = m.content === null || m.deleted_at !== null;
  if (m.kind === 'system') {
    return (
      <li className="tickets-msg tickets-msg-system" data-testid="ticket-message" data-kind="system">
        <span className="muted small">{formatDateTime(m.created_at)}</span>{' '}
        <span data-testid="ticket-message-text">{withdrawn ? 'Withdrawn' : m.content}</span>
      </li>
    );
  }
  return (
    <li className={`tickets-msg tickets-msg-${m.kind}`} data-testid="ticket-message" data-kind={m.kind} data-withdrawn={withdrawn ? 'true' : undefined}>
      <div className="tickets-msg-head">
        {m.kind === 'staff' && m.message_number !== null && (
          <span className="badge" data-testid="ticket-message-number">
            #{m.message_number}
          </span>
        )}
        <strong data-testid="ticket-message-author">{m.user_name}</strong>
        {m.kind === 'staff' && m.author_role && !m.is_anonymous && <span className="muted small">{m.author_role}</span>}
        {m.kind === 'staff' && m.is_anonymous && (
          <span className="badge" data-testid="ticket-message-anonymous">
            anonymous
          </span>
        )}
        {m.kind === 'note' && <span className="badge">note</span>}
        {m.kind === 'member' && <span className="badge">member</span>}
        <time className="muted small" dateTime={m.created_at}>
          {formatDateTime(m.created_at)}
        </time>
        {m.edited_at && !withdrawn && <span className="muted small">(edited)</span>}
      </div>
      {withdrawn ? (
        <p className="muted tickets-withdrawn" data-testid="ticket-message-text">
          Withdrawn{m.deleted_at ? ` ${formatDateTime(m.deleted_at)}` : ''}
        </p>
      ) : (
        <p className="tickets-msg-text" data-testid="ticket-message-text">
          {m.content}
        </p>
      )}
      {m.attachments.length > 0 && (
        <ul className="tickets-attachments small">
          {m.attachments.map((a) => (
            <li key={a.blob_key}>📎 {a.file_name}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
