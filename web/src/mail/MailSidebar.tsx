import { NavLink } from 'react-router-dom';
import { useResource } from '../useResource.ts';
import { mailApi } from './mailApi.ts';
import { useMail } from './MailContext.ts';

const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'mail-link active' : 'mail-link');

/** The Mail area's places, and every inbox the viewer may read. */
export function MailSidebar() {
  const { structureVersion } = useMail();
  const inboxes = useResource(() => mailApi.inboxes(), [structureVersion]);
  const items = inboxes.data?.items ?? [];
  return (
    <nav className="mail-sidebar" aria-label="Mail" data-testid="mail-sidebar">
      <h2>Inboxes</h2>
      {inboxes.error && (
        <p className="notice notice-error" role="alert" data-testid="mail-inboxes-error">
          {inboxes.error}
        </p>
      )}
      {inboxes.data && items.length === 0 && (
        <p className="muted small" data-testid="mail-no-inboxes">
          No inboxes yet. Add a domain, then an inbox under it.
        </p>
      )}
      <ul data-testid="mail-inbox-list">
        {items.map((inbox) => (
          <li key={inbox.id}>
            <NavLink to={`/mail/inboxes/${inbox.id}`} className={linkClass} data-testid="mail-inbox-link" data-address={inbox.address}>
              <span className="mail-link-name">{inbox.name}</span>
              <span className="mail-link-address">{inbox.address}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      <h2>Settings</h2>
      <ul>
        <li>
          <NavLink to="/mail/domains" className={linkClass} data-testid="mail-nav-domains">
            Domains
          </NavLink>
        </li>
        <li>
          <NavLink to="/mail/suppressions" className={linkClass} data-testid="mail-nav-suppressions">
            Suppression list
          </NavLink>
        </li>
        <li>
          <NavLink to="/mail/webhooks" className={linkClass} data-testid="mail-nav-webhooks">
            Webhooks
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
