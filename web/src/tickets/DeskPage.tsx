import { useMemo } from 'react';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { DeskContext, permissionsOf, type DeskServices } from './DeskContext.ts';
import { ticketsApi } from './ticketsApi.ts';
import { useDeskNames } from './useDeskNames.ts';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');

/** `/tickets/:deskId`: a desk's panel — tabs by what the viewer may do (`GET …/me`), the routed part under them. */
export function DeskPage() {
  const { deskId = '' } = useParams();
  const { pathname } = useLocation();
  // The Tickets tab stays marked on a ticket's own page.
  const onTickets = !/\/(dashboard|settings)$/.test(pathname);
  const loaded = useResource(async () => {
    const [desks, me] = await Promise.all([ticketsApi.desks(), ticketsApi.me(deskId)]);
    return { desk: desks.find((d) => d.id === deskId), me };
  }, [deskId]);
  const nameOf = useDeskNames(loaded.data?.desk ? [loaded.data.desk] : undefined);

  const services = useMemo<DeskServices | null>(() => {
    const data = loaded.data;
    if (!data?.desk) return null;
    return { desk: data.desk, me: data.me, can: permissionsOf(data.me), deskName: nameOf(data.desk) };
  }, [loaded.data, nameOf]);

  if (loaded.error) return <ErrorNotice message={loaded.error} testId="tickets-desk-error" />;
  if (!loaded.data) return <p className="muted">Loading…</p>;
  if (!services) {
    return (
      <p className="notice notice-error" role="alert" data-testid="tickets-desk-error">
        No such desk, or you hold no permission at it.
      </p>
    );
  }
  const { can } = services;
  return (
    <DeskContext.Provider value={services}>
      <section className="stack" data-testid="tickets-desk" data-desk-id={deskId}>
        <header className="tickets-desk-head">
          <h1>{services.deskName} Support</h1>
          {!services.desk.enabled && <span className="badge badge-off">Off</span>}
        </header>
        <nav className="tabs" aria-label="Desk">
          {can('view_tickets') && (
            <Link to={`/tickets/${deskId}`} className={onTickets ? 'tab active' : 'tab'} aria-current={onTickets ? 'page' : undefined} data-testid="tickets-tab-list">
              Tickets
            </Link>
          )}
          {can('view_tickets') && (
            <NavLink to={`/tickets/${deskId}/dashboard`} className={tabClass} data-testid="tickets-tab-dashboard">
              Dashboard
            </NavLink>
          )}
          {(can('view_config') || can('edit_config') || can('manage_api_keys')) && (
            <NavLink to={`/tickets/${deskId}/settings`} className={tabClass} data-testid="tickets-tab-settings">
              Settings
            </NavLink>
          )}
        </nav>
        <Outlet />
      </section>
    </DeskContext.Provider>
  );
}
