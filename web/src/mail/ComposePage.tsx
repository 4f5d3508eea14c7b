import { useNavigate } from 'react-router-dom';
import { MailComposer } from './MailComposer.tsx';
import { useMailbox } from './MailboxPage.tsx';

/** A new message from the open inbox; once accepted, its thread opens. */
export function ComposePage() {
  const navigate = useNavigate();
  const { inbox, threadsChanged } = useMailbox();
  return (
    <section className="card" aria-labelledby="mail-compose-heading" data-testid="mail-compose">
      <h2 id="mail-compose-heading">New message</h2>
      <MailComposer
        inbox={inbox}
        mode="compose"
        draft={{ to: '', subject: '' }}
        onSent={(accepted) => {
          threadsChanged();
          navigate(`/mail/inboxes/${inbox.id}/threads/${accepted.thread_id}`);
        }}
      />
    </section>
  );
}
