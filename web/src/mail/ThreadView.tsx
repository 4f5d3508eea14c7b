import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { MailComposer, type Draft } from './MailComposer.tsx';
import { useMailbox } from './MailboxPage.tsx';
import { mailApi } from './mailApi.ts';
import { MessageCard } from './MessageCard.tsx';
import { ThreadStateBar } from './ThreadStateBar.tsx';
import type { Inbox, Message, Thread } from './types.ts';

/** While a message we sent is still on its way, the thread is read again this often for its status. */
const pendingPollMs = 5000;

/** A thread, oldest message first, with the reply form under it. */
export function ThreadView() {
  const { threadId = '' } = useParams();
  const { inbox, threadsChanged } = useMailbox();
  const thread = useResource(() => mailApi.thread(threadId), [threadId]);
  const pending = thread.data?.messages.some((m) => m.delivery?.status === 'pending') ?? false;

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(thread.reload, pendingPollMs);
    return () => clearInterval(timer);
  }, [pending, thread.reload]);

  if (thread.error) return <ErrorNotice message={thread.error} testId="mail-thread-error" />;
  const data = thread.data;
  if (!data || data.id !== threadId) return <p className="muted">Loading…</p>;
  const last = data.messages[data.messages.length - 1];

  return (
    <section className="stack mail-thread" data-testid="mail-thread" aria-labelledby="mail-thread-subject">
      <h2 id="mail-thread-subject" data-testid="mail-thread-title">
        {data.subject || '(no subject)'}
      </h2>
      <ThreadStateBar
        threadId={data.id}
        state={data.state ?? 'open'}
        onChanged={() => {
          thread.reload();
          threadsChanged();
        }}
      />
      <ol className="mail-messages">
        {data.messages.map((message) => (
          <li key={message.message_id}>
            <MessageCard message={message} onLabelsChanged={threadsChanged} />
          </li>
        ))}
      </ol>
      {last && (
        <section className="card" aria-label="Reply">
          <MailComposer
            key={last.message_id}
            inbox={inbox}
            mode="reply"
            draft={replyDraft(data, last, inbox)}
            onSent={() => {
              thread.reload();
              threadsChanged();
            }}
          />
        </section>
      )}
    </section>
  );
}

/**
 * A reply answers the last message: to its sender when it came in; when it is one we sent, to the
 * people it went to (replying to ourselves would go nowhere).
 */
function replyDraft(thread: Thread, last: Message, inbox: Inbox): Draft {
  const to = last.direction === 'inbound' ? [last.from_address] : last.to.map((a) => a.address).filter((a) => a !== inbox.address);
  const subject = last.subject ?? thread.subject ?? '';
  return {
    to: to.join(', '),
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    inReplyTo: last.message_id,
  };
}
