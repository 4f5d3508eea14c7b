import { useRef, useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatBytes, readAttachment, splitAddresses } from './files.ts';
import { mailApi } from './mailApi.ts';
import type { Inbox, OutgoingAttachment, SendAccepted } from './types.ts';

export interface Draft {
  to: string;
  cc?: string;
  subject: string;
  inReplyTo?: string;
}

interface Attached extends OutgoingAttachment {
  size: number;
}

/**
 * Writes and sends one email from an inbox: a reply (to, subject and In-Reply-To filled in) or a new
 * message. The draft gets an idempotency key when first sent and keeps it until the server accepts
 * it, so sending again after a failure is a retry of the same message, never a second one.
 */
export function MailComposer({ inbox, draft, mode, onSent }: {
  inbox: Inbox;
  draft: Draft;
  mode: 'reply' | 'compose';
  onSent: (accepted: SendAccepted) => void;
}) {
  const [to, setTo] = useState(draft.to);
  const [cc, setCc] = useState(draft.cc ?? '');
  const [bcc, setBcc] = useState('');
  const [showCopies, setShowCopies] = useState(mode === 'compose' || (draft.cc ?? '') !== '');
  const [subject, setSubject] = useState(draft.subject);
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attached[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const attach = async (files: FileList | null) => {
    if (!files) return;
    try {
      const read = await Promise.all([...files].map(async (file) => ({ ...(await readAttachment(file)), size: file.size })));
      setAttachments((before) => [...before, ...read]);
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const recipients = splitAddresses(to);
    if (recipients.length === 0) {
      setError('Add at least one recipient.');
      return;
    }
    key.current ??= crypto.randomUUID();
    setSending(true);
    try {
      const accepted = await mailApi.send({
        inbox_id: inbox.id,
        to: recipients,
        cc: splitAddresses(cc),
        bcc: splitAddresses(bcc),
        subject,
        text,
        attachments: attachments.map(({ filename, content_type, content_base64 }) => ({ filename, content_type, content_base64 })),
        in_reply_to: draft.inReplyTo,
        idempotency_key: key.current,
      });
      key.current = null;
      setText('');
      setAttachments([]);
      setError(null);
      onSent(accepted);
    } catch (failure) {
      // The key stays: sending again is a retry of this same draft.
      setError(describeError(failure));
    } finally {
      setSending(false);
    }
  };

  const testId = mode === 'reply' ? 'mail-reply-form' : 'mail-compose-form';
  return (
    <form className="stack mail-composer" onSubmit={send} data-testid={testId} aria-label={mode === 'reply' ? 'Reply' : 'New message'}>
      <p className="muted small">
        From <strong>{inbox.name}</strong> &lt;{inbox.address}&gt;
      </p>
      <label>
        To
        <input name="to" autoComplete="off" required value={to} onChange={(e) => setTo(e.target.value)} placeholder="name@example.com, …" />
      </label>
      {showCopies ? (
        <div className="grid-form">
          <label>
            Cc
            <input name="cc" autoComplete="off" value={cc} onChange={(e) => setCc(e.target.value)} />
          </label>
          <label>
            Bcc
            <input name="bcc" autoComplete="off" value={bcc} onChange={(e) => setBcc(e.target.value)} />
          </label>
        </div>
      ) : (
        <button type="button" className="link-button mail-add-copies" onClick={() => setShowCopies(true)}>
          Add Cc or Bcc
        </button>
      )}
      <label>
        Subject
        <input name="subject" autoComplete="off" value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label>
        Message
        <textarea name="text" rows={mode === 'reply' ? 5 : 10} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {attachments.length > 0 && (
        <ul className="mail-plain-list" aria-label="Attachments" data-testid="mail-compose-attachments">
          {attachments.map((file, index) => (
            <li key={`${file.filename}-${index}`} data-testid="mail-compose-attachment" data-filename={file.filename}>
              📎 {file.filename} <span className="muted small">({formatBytes(file.size)})</span>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${file.filename}`}
                onClick={() => setAttachments((before) => before.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice message={error} testId="mail-send-error" />
      <div className="row">
        <button type="submit" disabled={sending} data-testid="mail-send">
          {sending ? 'Sending…' : error && key.current ? 'Retry' : 'Send'}
        </button>
        <button type="button" className="button-ghost" onClick={() => fileInput.current?.click()}>
          Attach files
        </button>
        {/* The button above is the control people use; the input only opens the file chooser. */}
        <input
          ref={fileInput}
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          className="visually-hidden"
          data-testid="mail-attach-input"
          onChange={(e) => void attach(e.target.files)}
        />
      </div>
    </form>
  );
}
