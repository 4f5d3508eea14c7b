import { useRef, useState, type KeyboardEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { chatApi, type OutgoingMessage } from './chatApi.ts';
import { useChat } from './ChatContext.ts';
import type { FileView, Message, Uuid } from './types.ts';

const typingEveryMs = 3000;

/**
 * Writes and sends a message: Enter sends, Shift+Enter breaks the line. Each message gets an
 * idempotency key when first sent and keeps it until it goes through, so retrying after a network
 * error can never post it twice. Typing is announced at most every few seconds. Without a channel
 * (the first message to someone, which opens the DM) `sendTo` sends it, and there is no typing or upload.
 */
export function Composer({ channelId, sendTo, threadId, replyTo, onCancelReply, onSent, mentionNames, disabled, label = 'Message' }: {
  channelId: Uuid | null;
  sendTo?: (message: OutgoingMessage) => Promise<Message>;
  threadId?: Uuid;
  replyTo?: Message | null;
  onCancelReply?: () => void;
  onSent: (message: Message) => void;
  mentionNames: string[];
  disabled?: string | null;
  label?: string;
}) {
  const { hub, users } = useChat();
  const [text, setText] = useState('');
  const [file, setFile] = useState<FileView | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const lastTyping = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const mentionQuery = /(?:^|\s)@([A-Za-z0-9_.-]*)$/.exec(text)?.[1];
  const suggestions =
    mentionQuery === undefined ? [] : mentionNames.filter((n) => n.toLowerCase().startsWith(mentionQuery.toLowerCase())).slice(0, 5);

  const send = async () => {
    const plaintext = text.trim();
    if ((plaintext === '' && !file) || sending) return;
    key.current ??= crypto.randomUUID();
    setSending(true);
    try {
      const message: OutgoingMessage = {
        plaintext: plaintext === '' && file ? file.name : plaintext,
        reply_to_id: replyTo?.id,
        thread_id: threadId,
        file_id: file?.id,
        idempotency_key: key.current,
      };
      const sent = channelId ? await chatApi.send(channelId, message) : await sendTo!(message);
      key.current = null;
      setText('');
      setFile(null);
      setError(null);
      onCancelReply?.();
      onSent(sent);
    } catch (failure) {
      // The key stays: sending again is a retry of this same message.
      setError(describeError(failure));
    } finally {
      setSending(false);
    }
  };

  const onChange = (value: string) => {
    setText(value);
    if (channelId && value !== '' && Date.now() - lastTyping.current > typingEveryMs) {
      lastTyping.current = Date.now();
      hub.typing(channelId);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };

  const attach = async (chosen: File | undefined) => {
    if (!chosen || !channelId) return;
    try {
      setFile(await chatApi.upload(channelId, chosen));
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  if (disabled) {
    return (
      <p className="chat-composer muted" data-testid="composer-disabled">
        {disabled}
      </p>
    );
  }

  return (
    <form
      className="chat-composer"
      data-testid={threadId ? 'thread-composer' : 'composer'}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {replyTo && (
        <p className="chat-replying muted" data-testid="replying-to">
          Replying to {users.name(replyTo.sender_id)}: {replyTo.plaintext?.slice(0, 80)}
          <button type="button" className="link-button" onClick={onCancelReply}>
            Cancel reply
          </button>
        </p>
      )}
      {file && (
        <p className="muted" data-testid="attached-file">
          📎 {file.name}
          <button type="button" className="link-button" onClick={() => setFile(null)}>
            Remove
          </button>
        </p>
      )}
      {suggestions.length > 0 && (
        <ul className="mention-suggestions" role="listbox" aria-label="Mention">
          {suggestions.map((name) => (
            <li key={name}>
              <button type="button" role="option" aria-selected={false} onClick={() => setText(text.replace(/@[A-Za-z0-9_.-]*$/, `@${name} `))}>
                @{name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="chat-composer-row">
        <label className="visually-hidden" htmlFor={`composer-${channelId ?? 'new'}-${threadId ?? 'main'}`}>
          {label}
        </label>
        <textarea
          id={`composer-${channelId ?? 'new'}-${threadId ?? 'main'}`}
          rows={2}
          placeholder={threadId ? 'Reply in thread' : 'Write a message'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {channelId && (
          <>
            <input ref={fileInput} type="file" className="visually-hidden" id={`file-${channelId}-${threadId ?? 'main'}`} onChange={(e) => void attach(e.target.files?.[0])} />
            <label className="button button-ghost" htmlFor={`file-${channelId}-${threadId ?? 'main'}`} title="Attach a file">
              Attach
            </label>
          </>
        )}
        <button type="submit" disabled={sending}>
          {error && key.current ? 'Retry' : 'Send'}
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="composer-error">
          {error}
        </p>
      )}
    </form>
  );
}
