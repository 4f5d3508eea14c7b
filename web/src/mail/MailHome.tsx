import { Link } from 'react-router-dom';
import { useResource } from '../useResource.ts';
import { mailApi } from './mailApi.ts';
import { useMail } from './MailContext.ts';

/** Mail with nothing open: where to start, depending on what exists. */
export function MailHome() {
  const { structureVersion } = useMail();
  const domains = useResource(() => mailApi.domains({ limit: 1 }), [structureVersion]);
  const inboxes = useResource(() => mailApi.inboxes(undefined, { limit: 1 }), [structureVersion]);
  const noDomains = domains.data?.items.length === 0;
  const noInboxes = inboxes.data?.items.length === 0;
  return (
    <section className="page" data-testid="mail-home">
      <h1>Mail</h1>
      {domains.error && inboxes.error && (
        <p className="notice notice-error" role="alert">
          {inboxes.error}
        </p>
      )}
      {noDomains && noInboxes ? (
        <div className="empty-state" data-testid="mail-empty">
          <p className="empty-title">No domains yet</p>
          <p className="muted">Add a domain, publish its DNS records, then create inboxes that receive and send mail.</p>
          <Link to="/mail/domains" className="button">
            Add a domain
          </Link>
        </div>
      ) : noInboxes ? (
        <div className="empty-state" data-testid="mail-empty">
          <p className="empty-title">No inboxes yet</p>
          <p className="muted">Open a domain to create an inbox (an address, or a catch-all for the whole domain).</p>
          <Link to="/mail/domains" className="button">
            Domains
          </Link>
        </div>
      ) : (
        <p className="muted">Choose an inbox on the left to read its threads.</p>
      )}
    </section>
  );
}
