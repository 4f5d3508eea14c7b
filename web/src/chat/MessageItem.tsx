import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { formatDateTime } from '../format.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';
import { downloadFile } from './fileDownload.ts';
import { BotBadge } from './BotBadge.tsx';
import { MessageText } from './MessageText.tsx';
import { ReactionBar } from './ReactionBar.tsx';
import type { Message } from './types.ts';

export interface MessageActions {
  onReply?: (message: Message) => void;
  onOpenThread?: (message: Message) => void;
  onChanged: (message: Message) => void;
  onRefresh: (id: string) => void;
}

/** One message: who and when, the text (or why it is hidden), its reply context, reactions and actions. */
export function MessageItem({ message, replyTo, me, myUsername, canModerate, actions }: {
  message: Message;
  replyTo: Message | undefined;
  me: string;
  myUsername: string | undefined;
  canModerate: boolean;
  actions: MessageActions;
}) {
  const { users } = useChat();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const mine = message.sender_id === me;
  const deleted = message.deleted_at !== null;

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      setError(null);
      if (done) setNote(done);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const save = () =>
    run(async () => {
      const edited = await chatApi.edit(message.id, draft);
      actions.onChanged(edited);
      setEditing(false);
    });

  return (
    <article className="chat-message" data-testid="message" data-message-id={message.id} data-sender={users.username(message.sender_id) ?? ''}>
      {message.reply_to_id && (
        <p className="chat-reply-context muted" data-testid="reply-context">
          ↪ {replyTo ? `${users.name(replyTo.sender_id)}: ${replyTo.plaintext ?? 'message'}` : 'a reply to an earlier message'}
        </p>
      )}
      <header className="chat-message-head">
        <strong data-testid="message-sender">{users.name(message.sender_id)}</strong> <BotBadge userId={message.sender_id} />
        <time className="muted" dateTime={message.created_at}>
          {formatDateTime(message.created_at)}
        </time>
        {message.edited_at && !deleted && (
          <span className="muted" data-testid="edited-mark">
            (edited)
          </span>
        )}
      </header>
      {editing ? (
        <form
          className="chat-edit"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea id={`edit-${message.id}`} value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} />
          <button type="submit">Save</button>
          <button type="button" className="button-ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="chat-message-body" data-testid="message-text">
          {deleted ? (
            <em className="muted">This message was deleted.</em>
          ) : message.quarantined && message.plaintext === null ? (
            <em className="muted">This message is held for review.</em>
          ) : message.plaintext !== null ? (
            <MessageText text={message.plaintext} myUsername={myUsername} />
          ) : (
            <em className="muted">Encrypted message.</em>
          )}
        </div>
      )}
      {message.file && !deleted && (
        <button type="button" className="chat-file button-ghost" data-testid="message-file" onClick={() => void run(() => downloadFile(message.file!))}>
          📎 {message.file.name} ({Math.ceil(message.file.size_bytes / 1024)} KB)
        </button>
      )}
      <div className="chat-message-foot">
        {!deleted && <ReactionBar message={message} onChanged={() => actions.onRefresh(message.id)} />}
        {!deleted && !editing && (
          <div className="chat-message-actions" role="group" aria-label="Message actions">
            {actions.onReply && (
              <button type="button" className="link-button" onClick={() => actions.onReply!(message)}>
                Reply
              </button>
            )}
            {actions.onOpenThread && (
              <button type="button" className="link-button" data-testid="open-thread" onClick={() => actions.onOpenThread!(message)}>
                Thread{message.reply_count ? ` (${message.reply_count})` : ''}
              </button>
            )}
            {mine && message.plaintext !== null && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setDraft(message.plaintext ?? '');
                  setEditing(true);
                }}
              >
                Edit
              </button>
            )}
            {(mine || canModerate) &&
              (confirmDelete ? (
                <button type="button" className="link-button danger" onClick={() => void run(() => chatApi.remove(message.id))}>
                  Confirm delete
                </button>
              ) : (
                <button type="button" className="link-button" onClick={() => setConfirmDelete(true)}>
                  Delete
                </button>
              ))}
            <button type="button" className="link-button" onClick={() => void run(() => chatApi.pin(message.id), 'Pinned.')}>
              Pin
            </button>
            <button type="button" className="link-button" onClick={() => void run(() => chatApi.bookmark(message.id, null), 'Bookmarked.')}>
              Bookmark
            </button>
            {!mine && (
              <button type="button" className="link-button" onClick={() => void run(() => chatApi.report(message.id, 'Reported from the web app'), 'Reported.')}>
                Report
              </button>
            )}
          </div>
        )}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {note && !error && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </article>
  );
}
