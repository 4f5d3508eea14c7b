import { useCallback, useState } from 'react';
import { Link, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { mailApi } from './mailApi.ts';
import { ThreadList } from './ThreadList.tsx';
import type { Inbox } from './types.ts';

export interface MailboxServices {
  inbox: Inbox;
  /** Something was sent: the thread list loads again. */
  threadsChanged(): void;
}

/** What the routes inside a mailbox (thread, compose) get from it. */
export function useMailbox(): MailboxServices {
  return useOutletContext<MailboxServices>();
}

/** One inbox: its threads (with search) beside the open thread or the compose form. */
export function MailboxPage() {
  const { inboxId = '' } = useParams();
  const inbox = useResource(() => mailApi.inbox(inboxId), [inboxId]);
  const [threadsVersion, setThreadsVersion] = useState(0);
  const threadsChanged = useCallback(() => setThreadsVersion((n) => n + 1), []);

  if (inbox.error) {
    return (
      <section className="page">
        <h1>Inbox</h1>
        <ErrorNotice message={inbox.error} testId="mail-inbox-error" />
      </section>
    );
  }
  if (!inbox.data || inbox.data.id !== inboxId) return <p className="muted">Loading…</p>;

  return (
    <div className="mailbox" data-testid="mailbox" data-address={inbox.data.address}>
      <section className="mailbox-list" aria-labelledby="mailbox-heading">
        <header className="mailbox-head">
          <h1 id="mailbox-heading">
            {inbox.data.name} <span className="muted small mail-address">{inbox.data.address}</span>
          </h1>
          <Link to={`/mail/inboxes/${inboxId}/compose`} className="button" data-testid="mail-compose-link">
            Compose
          </Link>
        </header>
        <ThreadList inboxId={inboxId} version={threadsVersion} />
      </section>
      <div className="mailbox-view">
        <Outlet context={{ inbox: inbox.data, threadsChanged } satisfies MailboxServices} />
      </div>
    </div>
  );
}

/** The mailbox with no thread open. */
export function MailboxHome() {
  const { inbox } = useMailbox();
  return (
    <div className="empty-state" data-testid="mailbox-home">
      <p className="empty-title">No thread open</p>
      <p className="muted">
        Pick a thread on the left, or <Link to={`/mail/inboxes/${inbox.id}/compose`}>write a new message</Link> from {inbox.address}.
      </p>
    </div>
  );
}
